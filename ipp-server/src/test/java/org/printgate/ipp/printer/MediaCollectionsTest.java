package org.printgate.ipp.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.model.MediaCol;
import com.hp.jipp.model.MediaColDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaCollectionsTest {

    @Test
    void readsTheSizeOutOfSelfDescribingNames() {
        assertThat(MediaCollections.hundredthsOfMm("iso_a4_210x297mm")).containsExactly(21000, 29700);
        assertThat(MediaCollections.hundredthsOfMm("na_letter_8.5x11in")).containsExactly(21590, 27940);
        assertThatThrownBy(() -> MediaCollections.hundredthsOfMm("letter")).isInstanceOf(IllegalArgumentException.class);
        assertThat(MediaCollections.sizesSupported(List.of("iso_a4_210x297mm"))).singleElement()
                .satisfies(size -> assertThat(size.getXDimension().getStart()).isEqualTo(21000));
    }

    @Test
    void aMediaColHasTheMembersOfItsDatabaseEntry() {
        MediaColDatabase entry = MediaCollections.databaseEntry("iso_a4_210x297mm", 423, "stationery", "tray-1");
        MediaCol col = MediaCollections.mediaCol("iso_a4_210x297mm", 423, "stationery", "tray-1");

        assertThat(col.getMediaSize()).isEqualTo(new MediaCol.MediaSize(21000, 29700));
        assertThat(List.of(col.getMediaBottomMargin(), col.getMediaLeftMargin(), col.getMediaRightMargin(),
                col.getMediaTopMargin())).containsOnly(423);
        assertThat(col.getMediaType()).isEqualTo(entry.getMediaType()).isEqualTo(new KeywordOrName("stationery"));
        assertThat(col.getMediaSource()).isEqualTo(entry.getMediaSource()).isEqualTo(new KeywordOrName("tray-1"));
        assertThat(MediaCollections.databaseEntry("iso_a4_210x297mm", 423, "stationery", null).getMediaSource()).isNull();
    }
}
