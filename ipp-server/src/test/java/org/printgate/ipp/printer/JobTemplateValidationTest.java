package org.printgate.ipp.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IntOrIntRange;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.MediaCol;
import com.hp.jipp.model.MediaColDatabase;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import kotlin.ranges.IntRange;
import org.junit.jupiter.api.Test;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;

class JobTemplateValidationTest {

    private static IppRequest printJob(boolean fidelity, Attribute<?>... job) {
        List<Attribute<?>> operation = new ArrayList<>(List.of(Types.attributesCharset.of("utf-8"),
                Types.attributesNaturalLanguage.of("en")));
        if (fidelity) {
            operation.add(Types.ippAttributeFidelity.of(true));
        }
        IppPacket packet = new IppPacket(0x0200, Operation.printJob.getCode(), 1, List.of(
                AttributeGroup.groupOf(Tag.operationAttributes, operation), AttributeGroup.groupOf(Tag.jobAttributes, job)));
        return new IppRequest(packet, InputStream.nullInputStream(), 631, "/ipp/print", "localhost", null, () -> { });
    }

    @Test
    void keepsTheSupportedPartAndMarksTheRestUnsupported() {
        IppResponse response = new IppResponse();
        List<Attribute<?>> kept = JobTemplateValidation.supportedPart(printJob(false, Types.copies.of(2),
                Types.sides.of("two-sided-long-edge")), response, attribute -> attribute.getName().equals("copies"), "office");

        assertThat(kept).extracting(Attribute::getName).containsExactly("copies");
        assertThat(response.unsupportedAttributes()).extracting(Attribute::getName).containsExactly("sides");
        assertThat(response.status()).isEqualTo(Status.successfulOkIgnoredOrSubstitutedAttributes);
    }

    @Test
    void failsAnUnsupportedAttributeUnderFidelityNamingThePrinter() {
        assertThatThrownBy(() -> JobTemplateValidation.supportedPart(printJob(true, Types.sides.of("two-sided-long-edge")),
                new IppResponse(), attribute -> false, "office"))
                .isInstanceOf(IppException.class).hasMessage("sides is not supported by office");
        assertThatThrownBy(() -> JobTemplateValidation.supportedPart(printJob(true, Types.sides.of("two-sided-long-edge")),
                new IppResponse(), attribute -> false, null))
                .isInstanceOf(IppException.class).hasMessage("sides is not supported");
    }

    @Test
    void readsPageRangesThatAscendAndRefusesOverlaps() {
        assertThat(JobTemplateValidation.pageRanges(printJob(false, Types.copies.of(1)))).isEmpty();
        assertThat(JobTemplateValidation.pageRanges(printJob(false, Types.pageRanges.of(new IntRange(1, 2), new IntRange(5, 9)))))
                .containsExactly(new IntRange(1, 2), new IntRange(5, 9));
        assertThatThrownBy(() -> JobTemplateValidation.pageRanges(printJob(false,
                Types.pageRanges.of(new IntRange(1, 5), new IntRange(5, 9)))))
                .isInstanceOf(IppException.class).hasMessage("page-ranges must ascend without overlap");
    }

    @Test
    void matchesMediaSizesWithinAMillimetreOrInsideARoll() {
        List<MediaColDatabase> a4 = List.of(MediaCollections.databaseEntry("iso_a4_210x297mm", 423, "stationery", null));
        MediaColDatabase roll = new MediaColDatabase();
        roll.setMediaSize(new MediaColDatabase.MediaSize(new IntOrIntRange(new IntRange(5000, 30000)),
                new IntOrIntRange(new IntRange(5000, 100000))));

        assertThat(JobTemplateValidation.sizeSupported(size(21050, 29650), a4)).isTrue();
        assertThat(JobTemplateValidation.sizeSupported(size(21590, 27940), a4)).isFalse();
        assertThat(JobTemplateValidation.sizeSupported(size(21590, 27940), List.of(roll))).isTrue();
        assertThat(JobTemplateValidation.sizeSupported(new MediaCol(), a4)).isTrue();
    }

    private static MediaCol size(int x, int y) {
        MediaCol col = new MediaCol();
        col.setMediaSize(new MediaCol.MediaSize(x, y));
        return col;
    }
}
