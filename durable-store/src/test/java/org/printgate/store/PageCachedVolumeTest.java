package org.printgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.mapdb.volume.FileChannelVol;
import org.mapdb.volume.Volume;

/** The cached volume reads what was written, leaves the file as MapDB's own volume would, and spares the reads. */
class PageCachedVolumeTest {
    @TempDir
    Path dir;

    @Test
    void readsAndLeavesOnDiskWhatAPlainVolumeWouldUnderRandomWrites() throws Exception {
        randomWritesAgainstAPlainVolume(false);
    }

    @Test
    void readsAndLeavesOnDiskWhatAPlainVolumeWouldUnderRandomWritesThroughItsJournal() throws Exception {
        randomWritesAgainstAPlainVolume(true);
        assertThat(PageJournal.replay(dir.resolve("cached"))).as("nothing left to replay after a clean close").isZero();
    }

    private void randomWritesAgainstAPlainVolume(boolean journaled) throws Exception {
        Path cachedFile = dir.resolve("cached");
        Path plainFile = dir.resolve("plain");
        // A file with content before the volume opens, so that pages are read as well as written.
        byte[] start = new byte[50_000];
        new Random(1).nextBytes(start);
        Files.write(cachedFile, start);
        Files.write(plainFile, start);
        Random random = new Random(42);
        try (Volume cached = PageCachedVolume.factory(64 * 4096, journaled ? cachedFile : null, 16L << 20)
                .makeVolume(cachedFile.toString(), false);
             Volume plain = FileChannelVol.FACTORY.makeVolume(plainFile.toString(), false)) {
            for (int step = 0; step < 5_000; step++) {
                long offset = random.nextInt(300_000);
                switch (random.nextInt(7)) {
                    case 0 -> {
                        byte[] data = new byte[1 + random.nextInt(10_000)];
                        random.nextBytes(data);
                        cached.putData(offset, data, 0, data.length);
                        plain.putData(offset, data, 0, data.length);
                    }
                    case 1 -> {
                        long value = random.nextLong();
                        if (random.nextBoolean()) {
                            cached.putLong(offset, value);
                            plain.putLong(offset, value);
                        } else {
                            cached.putInt(offset, (int) value);
                            plain.putInt(offset, (int) value);
                        }
                    }
                    case 2 -> {
                        byte[] data = new byte[1 + random.nextInt(5_000)];
                        random.nextBytes(data);
                        cached.putData(offset, ByteBuffer.wrap(data));
                        plain.putData(offset, ByteBuffer.wrap(data));
                    }
                    case 3 -> {
                        long end = offset + random.nextInt(9_000);
                        if (end <= plain.length()) {
                            cached.clear(offset, end);
                            plain.clear(offset, end);
                        }
                    }
                    case 4 -> {
                        cached.ensureAvailable(offset);
                        plain.ensureAvailable(offset);
                    }
                    case 5 -> {
                        if (random.nextInt(50) == 0) {
                            cached.sync();
                            plain.sync();
                        }
                        if (random.nextInt(50) == 0) {
                            cached.truncate(offset);
                            plain.truncate(offset);
                        }
                    }
                    default -> {
                        int size = random.nextInt(9_000);
                        if (offset + size <= plain.length()) {
                            byte[] expected = new byte[size];
                            byte[] actual = new byte[size];
                            plain.getData(offset, expected, 0, size);
                            cached.getData(offset, actual, 0, size);
                            assertThat(actual).as("read at %d, step %d", offset, step).isEqualTo(expected);
                            if (size >= 8) {
                                assertThat(cached.getLong(offset)).isEqualTo(plain.getLong(offset));
                                assertThat(cached.getInt(offset + 3)).isEqualTo(plain.getInt(offset + 3));
                                assertThat(cached.getByte(offset + 7)).isEqualTo(plain.getByte(offset + 7));
                            }
                        }
                    }
                }
                assertThat(cached.length()).isEqualTo(plain.length());
            }
            assertThat(((PageCachedVolume) cached).pagesRead()).as("some pages came from the file").isPositive();
        }
        assertThat(Arrays.equals(Files.readAllBytes(cachedFile), Files.readAllBytes(plainFile)))
                .as("the two files are the same byte for byte").isTrue();
    }

    @Test
    void changedPagesReachTheFileBySyncAndOnlyRunsOfThemAreWritten() throws Exception {
        Path file = dir.resolve("synced");
        try (Volume volume = PageCachedVolume.factory(1 << 20).makeVolume(file.toString(), false)) {
            volume.ensureAvailable(1 << 16);
            byte[] data = new byte[10_000];
            Arrays.fill(data, (byte) 7);
            volume.putData(100, data, 0, data.length);
            volume.putLong(50_000, 0x0102030405060708L);
            assertThat(volume.length()).isGreaterThanOrEqualTo(50_008);
            volume.sync();
            byte[] onDisk = Files.readAllBytes(file);
            assertThat(Arrays.copyOfRange(onDisk, 100, 10_100)).containsOnly((byte) 7);
            assertThat(ByteBuffer.wrap(onDisk, 50_000, 8).getLong()).isEqualTo(0x0102030405060708L);
            assertThat(onDisk[99]).isZero();
            assertThat(onDisk[10_100]).isZero();
        }
    }

    @Test
    void aCommitCutShortAfterItsJournalRecordIsCompletedAtTheNextOpen() throws Exception {
        Path store = storeOfOnes(20_000);
        // The crash came after the record was forced and before the pages were written in place.
        try (PageJournal journal = PageJournal.open(store, 1 << 20)) {
            byte[] two = new byte[5_000];
            Arrays.fill(two, (byte) 2);
            journal.append(java.util.List.of(new PageJournal.Run(4096, two), new PageJournal.Run(18_000, new byte[] {3, 3})));
        }
        assertThat(Files.readAllBytes(store)).containsOnly((byte) 1);
        assertThat(PageJournal.replay(store)).isEqualTo(2);
        byte[] after = Files.readAllBytes(store);
        assertThat(Arrays.copyOfRange(after, 0, 4096)).containsOnly((byte) 1);
        assertThat(Arrays.copyOfRange(after, 4096, 9096)).containsOnly((byte) 2);
        assertThat(Arrays.copyOfRange(after, 9096, 18_000)).containsOnly((byte) 1);
        assertThat(Arrays.copyOfRange(after, 18_000, 18_002)).containsOnly((byte) 3);
        assertThat(PageJournal.replay(store)).as("replayed once, then emptied").isZero();
    }

    @Test
    void aRecordTornByTheCrashIsDroppedAndTheStoreLeftAsItWas() throws Exception {
        Path store = storeOfOnes(10_000);
        try (PageJournal journal = PageJournal.open(store, 1 << 20)) {
            journal.append(java.util.List.of(new PageJournal.Run(0, new byte[6_000])));
        }
        // Half of the record reached the disk: a byte past the header is not what was written.
        byte[] side = Files.readAllBytes(PageJournal.of(store));
        side[3_000] ^= 0x55;
        Files.write(PageJournal.of(store), side);
        assertThat(PageJournal.replay(store)).isZero();
        assertThat(Files.readAllBytes(store)).containsOnly((byte) 1);
    }

    @Test
    void aJournalLeftByAStoreThatWasRemovedGoesWithIt() throws Exception {
        Path store = dir.resolve("reset.db");
        try (PageJournal journal = PageJournal.open(store, 1 << 20)) {
            journal.append(java.util.List.of(new PageJournal.Run(0, new byte[] {9})));
        }
        assertThat(PageJournal.replay(store)).isZero();
        assertThat(store).doesNotExist();
        assertThat(PageJournal.of(store)).doesNotExist();

        // The same reset met by a store opening (the engine's and the spooler's path): the old log
        // is emptied before the new store exists, so none of it reaches the new file.
        try (PageJournal journal = PageJournal.open(store, 1 << 20)) {
            journal.append(java.util.List.of(new PageJournal.Run(0, new byte[] {9})));
        }
        assertThat(store).doesNotExist();
        try (Volume volume = journaled(store, 16L << 20)) {
            assertThat(Files.size(PageJournal.of(store))).as("the old log, emptied").isZero();
            volume.ensureAvailable(1 << 16);
            assertThat(volume.getByte(0)).isZero();
        }
        assertThat(PageJournal.replay(store)).isZero();
    }

    @Test
    void aJournaledStoreSyncsThroughItsJournalAndEmptiesIt() throws Exception {
        Path store = dir.resolve("journaled.db");
        try (Volume volume = journaledHolding(store, 77L)) {
            assertThat(ByteBuffer.wrap(Files.readAllBytes(store), 40_000, 8).getLong()).isEqualTo(77L);
            assertThat(ByteBuffer.wrap(Files.readAllBytes(PageJournal.of(store)), 0, 8).getLong())
                    .as("a record went through the journal").isNotZero();
        }
        assertThat(PageJournal.replay(store)).as("a clean close leaves nothing to replay").isZero();
    }

    @Test
    void commitsSinceTheCheckpointAreReplayedInOrderThoughNoneOfTheirInPlaceWritesReachedTheDisk() throws Exception {
        Path store = dir.resolve("journaled.db");
        Path crashed = Files.createDirectories(dir.resolve("after-the-crash")).resolve("journaled.db");
        try (Volume volume = journaled(store, 16L << 20)) {
            volume.ensureAvailable(1 << 16);
            volume.putLong(40_000, 1L);
            volume.sync();
            volume.putLong(40_000, 2L);
            volume.putLong(8_000, 5L);
            volume.sync();
            volume.putLong(40_000, 3L);
            volume.sync();
            volume.putLong(40_000, 4L);
            // The crash: the journal as forced, the store file as it was before (all zeros).
            Files.copy(PageJournal.of(store), PageJournal.of(crashed));
            Files.write(crashed, new byte[(int) Files.size(store)]);
        }
        assertThat(PageJournal.replay(crashed)).as("three commits of one, two and one runs").isEqualTo(4);
        byte[] after = Files.readAllBytes(crashed);
        assertThat(ByteBuffer.wrap(after, 40_000, 8).getLong()).as("the last commit's value, not the uncommitted one").isEqualTo(3L);
        assertThat(ByteBuffer.wrap(after, 8_000, 8).getLong()).isEqualTo(5L);
        assertThat(PageJournal.replay(crashed)).as("replayed once, then emptied").isZero();
    }

    @Test
    void aCheckpointForcesTheStoreAndStartsTheJournalAgainWithoutReplayingTheRecordsBefore() throws Exception {
        Path crashed = onePageCommitsThenACrash(4);
        // The crash: the store as the checkpoint after the third commit forced it; the fourth only in the
        // journal, whose one record of the new run lies before the old run's second and third.
        try (var file = java.nio.channels.FileChannel.open(crashed, java.nio.file.StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.allocate(8).putLong(0, 3L), 40_000);
        }
        assertThat(PageJournal.replay(crashed)).as("the new run's one record only").isEqualTo(1);
        assertThat(ByteBuffer.wrap(Files.readAllBytes(crashed), 40_000, 8).getLong()).isEqualTo(4L);
    }

    @Test
    void aCheckpointWipesTheOldRunBeforeANewOneBegins() throws Exception {
        // A power cut as the next run's first record was being written: none of it reached the disk.
        Path crashed = onePageCommitsThenACrash(3);
        assertThat(PageJournal.replay(crashed)).as("the old run is not replayed over the checkpoint").isZero();
        assertThat(ByteBuffer.wrap(Files.readAllBytes(crashed), 40_000, 8).getLong()).isEqualTo(3L);
    }

    @Test
    void withACheckpointAtEverySyncOnlyTheLastCommitIsLeftToReplay() throws Exception {
        Path store = dir.resolve("journaled.db");
        Path crashed = Files.createDirectories(dir.resolve("after-the-crash")).resolve("journaled.db");
        try (Volume volume = journaled(store, 0)) {
            volume.ensureAvailable(1 << 16);
            for (long value = 1; value <= 3; value++) {
                volume.putLong(40_000, value);
                volume.putLong(8_000, value);
                volume.sync();
            }
            Files.copy(PageJournal.of(store), PageJournal.of(crashed));
            Files.copy(store, crashed);
        }
        assertThat(PageJournal.replay(crashed)).as("the last commit's two runs, which the store already holds").isEqualTo(2);
        byte[] after = Files.readAllBytes(crashed);
        assertThat(ByteBuffer.wrap(after, 40_000, 8).getLong()).isEqualTo(3L);
        assertThat(ByteBuffer.wrap(after, 8_000, 8).getLong()).isEqualTo(3L);
    }

    /**
     * Commits 1, 2 ... {@code commits} of a long at 40,000, a checkpoint after every third (each
     * commit changes one page, 40,000 being its last written byte: records of one size); returns
     * a copy of the store and its journal as they were then, for {@link PageJournal#replay}.
     */
    private Path onePageCommitsThenACrash(int commits) throws Exception {
        Path store = dir.resolve("journaled.db");
        Path crashed = Files.createDirectories(dir.resolve("after-the-crash")).resolve("journaled.db");
        int record = 8 + 8 + 4 + 4 + (8 + 4 + (40_008 - 36_864)) + 4;
        try (Volume volume = journaled(store, 3L * record)) {
            volume.ensureAvailable(1 << 16);
            for (long value = 1; value <= commits; value++) {
                volume.putLong(40_000, value);
                volume.sync();
            }
            Files.copy(PageJournal.of(store), PageJournal.of(crashed));
            Files.copy(store, crashed);
        }
        return crashed;
    }

    @Test
    void theDoubleWriteRecordOfAnEarlierBuildIsReplayedOnce() throws Exception {
        Path store = storeOfOnes(10_000);
        // "PGPAGES1", entries' length, entry count, one entry (offset 100, three bytes), CRC32C.
        ByteBuffer record = ByteBuffer.allocate(8 + 4 + 4 + 8 + 4 + 3 + 4);
        record.putLong(0x5047_5041_4745_5331L).putInt(8 + 4 + 3).putInt(1).putLong(100).putInt(3).put(new byte[] {7, 7, 7});
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(record.array(), 0, record.position());
        record.putInt((int) crc.getValue());
        Files.write(PageJournal.of(store), record.array());

        assertThat(PageJournal.replay(store)).isEqualTo(1);
        byte[] after = Files.readAllBytes(store);
        assertThat(Arrays.copyOfRange(after, 100, 103)).containsOnly((byte) 7);
        assertThat(after[99]).isEqualTo((byte) 1);
        assertThat(PageJournal.replay(store)).isZero();
    }

    @Test
    void aSecondOpenOfAStoreInUseIsRefusedAndLeavesItsJournalAlone() throws Exception {
        Path store = dir.resolve("journaled.db");
        try (Volume volume = journaledHolding(store, 5L)) {
            byte[] log = Files.readAllBytes(PageJournal.of(store));
            assertThatThrownBy(() -> journaled(store, 16L << 20))
                    .hasMessageContaining("in use");
            assertThat(Files.readAllBytes(PageJournal.of(store))).isEqualTo(log);
        }
    }

    /** A cached volume on {@code store} through its journal, with a checkpoint each {@code journalLimit} bytes. */
    private static Volume journaled(Path store, long journalLimit) {
        return PageCachedVolume.factory(1 << 20, store, journalLimit).makeVolume(store.toString(), false);
    }

    /** A journaled volume on {@code store} (16 MiB journal) whose long at 40,000 is {@code value}, synced. */
    private static Volume journaledHolding(Path store, long value) {
        Volume volume = journaled(store, 16L << 20);
        volume.ensureAvailable(1 << 16);
        volume.putLong(40_000, value);
        volume.sync();
        return volume;
    }

    /** A store file of {@code size} bytes, each 1. */
    private Path storeOfOnes(int size) throws Exception {
        Path store = dir.resolve("store.db");
        byte[] ones = new byte[size];
        Arrays.fill(ones, (byte) 1);
        Files.write(store, ones);
        return store;
    }

    @Test
    void aNewFileIsNeverReadBack() {
        // A write-ahead log: written from empty, then checksummed and copied out by reading it.
        try (Volume log = PageCachedVolume.factory(1 << 20).makeVolume(dir.resolve("wal").toString(), false)) {
            log.ensureAvailable(200_000);
            byte[] record = new byte[777];
            for (long offset = 0; offset < 150_000; offset += record.length) {
                Arrays.fill(record, (byte) offset);
                log.putData(offset, record, 0, record.length);
            }
            log.hash(0, 150_000, 111L);
            byte[] back = new byte[777];
            log.getData(777 * 5, back, 0, back.length);
            assertThat(back).containsOnly((byte) (777 * 5));
            assertThat(((PageCachedVolume) log).pagesRead()).isZero();
        }
    }

    @Test
    void aStoreWrittenHereOpensWithDbMakerAndTheOtherWayRound() {
        Path file = dir.resolve("store.db");
        try (DB db = TransactionalMapDb.open(file, 1 << 20, false)) {
            BTreeMap<Long, byte[]> map = db.treeMap("m", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
            for (long key = 0; key < 20_000; key++) {
                map.put(key, ("value " + key).getBytes());
                if (key % 500 == 0) {
                    db.commit();
                }
            }
            db.commit();
            map.put(-1L, "never committed".getBytes());
            db.rollback();
        }
        try (DB db = DBMaker.fileDB(file.toFile()).transactionEnable().fileChannelEnable().make()) {
            BTreeMap<Long, byte[]> map = db.treeMap("m", Serializer.LONG, Serializer.BYTE_ARRAY).open();
            assertThat(map).hasSize(20_000).doesNotContainKey(-1L);
            assertThat(new String(map.get(12_345L))).isEqualTo("value 12345");
            map.remove(0L);
            db.commit();
        }
        try (DB db = TransactionalMapDb.open(file, 1 << 20, false)) {
            BTreeMap<Long, byte[]> map = db.treeMap("m", Serializer.LONG, Serializer.BYTE_ARRAY).open();
            assertThat(map).hasSize(19_999).doesNotContainKey(0L);
            assertThat(new String(map.get(19_999L))).isEqualTo("value 19999");
        }
    }
}
