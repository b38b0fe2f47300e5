package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The job template a user asked for, kept in the journal as IPP bytes (a packet with one job
 * attributes group), so what reaches the printer is exactly what the print dialog sent.
 */
public final class TemplateCodec {
    private TemplateCodec() {}

    public static byte[] encode(List<Attribute<?>> template) {
        if (template.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new IppPacket(0x0200, 0, 0, List.of(AttributeGroup.groupOf(Tag.jobAttributes, template))).write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static List<Attribute<?>> decode(byte[] encoded) {
        if (encoded.length == 0) {
            return List.of();
        }
        try {
            AttributeGroup group = IppPacket.read(new ByteArrayInputStream(encoded)).get(Tag.jobAttributes);
            return group == null ? List.of() : List.copyOf(group);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt job template in the journal", e);
        }
    }
}
