package org.printgate.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.MutableAttributeGroup;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.RequestedAttribute;
import com.hp.jipp.model.Types;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The requested-attributes filter (RFC 8011 §4.2.5.1, §4.2.6.1, §4.3.4.1): attribute names, and
 * group names that stand for their members ({@link AttributeGroups}). Which groups there are
 * follows from the operation, as in CUPS: a printer's for Get-Printer-Attributes and the printer
 * lists, a job's for Get-Job-Attributes and Get-Jobs. A name the object does not have, or a group
 * it is not in ("none", "job-description" asked of a printer), adds nothing: RFC 8011 tells the
 * printer to ignore what it does not support. One filter for every Printgate printer, so the
 * spooler and the simulator answer the same question the same way.
 */
public final class RequestedAttributes {
    private static final Set<Integer> PRINTER_OPERATIONS = Set.of(Operation.getPrinterAttributes.getCode(),
            Operation.getPrinters.getCode(), ExtraTypes.cupsGetDefault.getCode(), ExtraTypes.cupsGetPrinters.getCode());
    private static final Set<Integer> JOB_OPERATIONS = Set.of(Operation.getJobAttributes.getCode(), Operation.getJobs.getCode());

    private final Set<String> names;
    private final BiPredicate<String, String> groupHas;
    private final boolean printer;

    private RequestedAttributes(Set<String> names, BiPredicate<String, String> groupHas, boolean printer) {
        this.names = names;
        this.groupHas = groupHas;
        this.printer = printer;
    }

    /**
     * From the request, or {@code fallback} when it names none ("all"; "job-id" and "job-uri"
     * for Get-Jobs). For an operation on neither printers nor jobs (the system, subscriptions),
     * any group name stands for every attribute.
     */
    public static RequestedAttributes of(IppRequest request, Set<String> fallback) {
        List<String> requested = request.operationValues(Types.requestedAttributes);
        Set<String> names = requested.isEmpty() ? fallback : Set.copyOf(requested);
        if (PRINTER_OPERATIONS.contains(request.code())) {
            return new RequestedAttributes(names, AttributeGroups::printerGroupHas, true);
        }
        if (JOB_OPERATIONS.contains(request.code())) {
            return new RequestedAttributes(names, AttributeGroups::jobGroupHas, false);
        }
        return new RequestedAttributes(names, (group, attribute) -> group.equals(RequestedAttribute.all)
                || group.endsWith("-description") || group.endsWith("-status") || group.endsWith("-template"), false);
    }

    /** Is {@code name} asked for, by name or through a group it belongs to? */
    public boolean wants(String name) {
        if (names.contains(name)) {
            return true;
        }
        // Is it an attribute only its name brings (media-col-database)?
        if (printer && AttributeGroups.onlyByName(name)) {
            return false;
        }
        for (String group : names) {
            if (groupHas.test(group, name)) {
                return true;
            }
        }
        return false;
    }

    /** Adds the attributes asked for to {@code group}, in the order given. */
    public void copy(List<Attribute<?>> attributes, MutableAttributeGroup group) {
        for (Attribute<?> attribute : attributes) {
            if (wants(attribute.getName())) {
                group.add(attribute);
            }
        }
    }
}
