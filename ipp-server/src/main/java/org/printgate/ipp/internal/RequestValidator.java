package org.printgate.ipp.internal;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.IppException;

/**
 * The checks every request passes before its operation runs, in the order of RFC 8011 §4.1.8
 * (as CUPS and PAPPL apply them): request-id, attribute group order, then
 * {@code attributes-charset} and {@code attributes-natural-language} as the first two operation
 * attributes. The version is checked earlier, from the preamble alone, because a message of an
 * unknown version may not even parse.
 */
public final class RequestValidator {

    /** Charsets we answer in; RFC 8011 §4.1.4.1 requires utf-8, us-ascii is a subset of it. */
    private static final Set<String> CHARSETS = Set.of(ExtraTypes.charsetUtf8, ExtraTypes.charsetUsAscii);

    public void validate(IppPacket packet) {
        // Is the request-id in range (RFC 8011 §4.1.1)?
        if (packet.getRequestId() < 1) {
            throw bad("request-id must be between 1 and 2147483647");
        }
        List<AttributeGroup> groups = packet.getAttributeGroups();
        // Is the operation group there, first, and only once?
        if (groups.isEmpty() || !groups.get(0).getTag().equals(Tag.operationAttributes)) {
            throw bad("the first attribute group must be operation-attributes");
        }
        for (int i = 1; i < groups.size(); i++) {
            if (groups.get(i).getTag().equals(Tag.operationAttributes)) {
                throw bad("operation-attributes appears more than once");
            }
        }
        AttributeGroup operation = groups.get(0);
        // Are attributes-charset and attributes-natural-language first, in that order?
        if (operation.size() < 2
                || !operation.get(0).getName().equals(Types.attributesCharset.getName())
                || !operation.get(1).getName().equals(Types.attributesNaturalLanguage.getName())) {
            throw bad("attributes-charset and attributes-natural-language must be the first operation attributes");
        }
        String charset = single(operation.get(0), Tag.charset);
        single(operation.get(1), Tag.naturalLanguage);
        // Do we speak the charset?
        if (!CHARSETS.contains(charset.toLowerCase(Locale.ROOT))) {
            throw new IppException(Status.clientErrorCharsetNotSupported, "charset " + charset + " is not supported");
        }
    }

    /** The one value of an attribute that must have exactly one, of this syntax. */
    private static String single(Attribute<?> attribute, Tag syntax) {
        Attribute<String> typed = attribute.getName().equals(Types.attributesCharset.getName())
                ? Types.attributesCharset.coerce(attribute)
                : Types.attributesNaturalLanguage.coerce(attribute);
        if (typed == null || typed.size() != 1) {
            throw bad(attribute.getName() + " must be one " + syntax + " value");
        }
        return typed.get(0);
    }

    private static IppException bad(String message) {
        return new IppException(Status.clientErrorBadRequest, message);
    }
}
