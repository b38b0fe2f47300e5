package org.printgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.BTreeMap;
import org.mapdb.Serializer;

/**
 * The plain store on the journaled volume keeps what was committed, through a clean close and
 * through a crash that left none of the last commits' in-place writes on the disk; abandoning it
 * drops what was not committed.
 */
class JournaledMapDbTest {
    @TempDir
    Path dir;

    @Test
    void whatWasCommittedIsThereAfterAReopenAndAnAbandonDropsTheRest() {
        Path file = dir.resolve("store.db");
        try (JournaledMapDb store = JournaledMapDb.open(file, 1 << 20)) {
            BTreeMap<Long, byte[]> map = map(store);
            for (long key = 0; key < 5_000; key++) {
                map.put(key, ("value " + key).getBytes());
                if (key % 100 == 0) {
                    store.db().commit();
                }
            }
            store.db().commit();
        }
        JournaledMapDb store = JournaledMapDb.open(file, 1 << 20);
        BTreeMap<Long, byte[]> map = map(store);
        assertThat(map).hasSize(5_000);
        map.put(-1L, "never committed".getBytes());
        map.remove(7L);
        store.abandon();
        assertThatThrownBy(() -> store.db().commit()).as("closed: nothing more reaches the file").hasMessageContaining("closed");

        try (JournaledMapDb again = JournaledMapDb.open(file, 1 << 20)) {
            assertThat(map(again)).hasSize(5_000).doesNotContainKey(-1L).containsKey(7L);
            assertThat(new String(map(again).get(4_321L))).isEqualTo("value 4321");
        }
    }

    @Test
    void commitsWhoseInPlaceWritesNeverReachedTheDiskAreThereAfterACrash() throws Exception {
        Path file = dir.resolve("store.db");
        Path crashed = Files.createDirectories(dir.resolve("after-the-crash")).resolve("store.db");
        try (JournaledMapDb store = JournaledMapDb.open(file, 1 << 20)) {
            BTreeMap<Long, byte[]> map = map(store);
            map.put(1L, "first".getBytes());
            store.db().commit();
            // The store file as the last checkpoint (here: the first commit's) forced it.
            Files.copy(file, crashed);
            for (long key = 2; key <= 300; key++) {
                map.put(key, ("value " + key).getBytes());
                store.db().commit();
            }
            map.put(301L, "not committed".getBytes());
            Files.copy(PageJournal.of(file), PageJournal.of(crashed));
        }
        try (JournaledMapDb store = JournaledMapDb.open(crashed, 1 << 20)) {
            assertThat(map(store)).hasSize(300).doesNotContainKey(301L);
            assertThat(new String(map(store).get(300L))).isEqualTo("value 300");
        }
    }

    private static BTreeMap<Long, byte[]> map(JournaledMapDb store) {
        return store.db().treeMap("m", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
    }
}
