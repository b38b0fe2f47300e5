package org.printgate.ipp;

import com.hp.jipp.model.RequestedAttribute;
import com.hp.jipp.model.Types;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The requested-attributes group names and their members (RFC 8011 §4.2.5.1 and §5.2-§5.4; the
 * status groups are those ExtraTypes cites). A printer's attributes are job template ones (the
 * {@code -default}, {@code -supported}, {@code -ready} and {@code -database} of a job template
 * attribute, and the media-col members' {@code -supported}) or printer description ones (all the
 * rest, its status among them); a job's are job template ones or job description ones. So an
 * attribute nobody listed here is a description attribute: never lost from "all".
 */
final class AttributeGroups {
    /** The job template attributes (RFC 8011 §5.2, PWG 5100.7, PWG 5100.13, PWG 5100.3), as a job carries them. */
    static final Set<String> JOB_TEMPLATE = Set.of(
            "copies", "cover-back", "cover-front", "feed-orientation", "finishings", "finishings-col",
            "force-front-side", "imposition-template", "insert-sheet", "job-account-id", "job-accounting-user-id",
            "job-delay-output-until", "job-error-action", "job-hold-until", "job-priority", "job-retain-until",
            "job-sheets", "job-sheets-col", "media", "media-col", "media-input-tray-check", "multiple-document-handling",
            "number-up", "orientation-requested", "output-bin", "output-device", "overrides", "page-delivery",
            "page-ranges", "presentation-direction-number-up", "print-color-mode", "print-content-optimize",
            "print-quality", "print-rendering-intent", "print-scaling", "printer-resolution", "proof-print",
            "separator-sheets", "sheet-collate", "sides", "x-image-position", "x-image-shift", "y-image-position",
            "y-image-shift");

    /** Printer attributes about the job template ones that are not named after one (PWG 5100.7 §6.3 media-col members). */
    private static final Set<String> PRINTER_TEMPLATE_EXTRAS = Set.of(
            "max-page-ranges-supported", "media-back-coating-supported", "media-bottom-margin-supported",
            "media-color-supported", "media-front-coating-supported", "media-grain-supported",
            "media-hole-count-supported", "media-info-supported", "media-key-supported", "media-left-margin-supported",
            "media-order-count-supported", "media-pre-printed-supported", "media-recycled-supported",
            "media-right-margin-supported", "media-size-supported", "media-source-supported",
            "media-thickness-supported", "media-top-margin-supported", "media-type-supported",
            "media-weight-metric-supported");

    /** What a printer says of its state now, rather than of what it is (RFC 8011 §5.4.11-§5.4.13, §5.4.29; PWG 5100.13 §6.6). */
    static final Set<String> PRINTER_STATUS = Set.of(
            "marker-change-time", "marker-colors", "marker-high-levels", "marker-levels", "marker-low-levels",
            "marker-message", "marker-names", "marker-types", "printer-alert", "printer-alert-description",
            "printer-config-change-date-time", "printer-config-change-time", "printer-current-time",
            "printer-detailed-status-messages", "printer-input-tray", "printer-is-accepting-jobs",
            "printer-message-from-operator", "printer-output-tray", "printer-state", "printer-state-change-date-time",
            "printer-state-change-time", "printer-state-message", "printer-state-reasons", "printer-supply",
            "printer-supply-description", "printer-up-time", "queued-job-count");

    /** What a job says of its progress now, with the two attributes that name it (RFC 8011 §5.3.1, §5.3.7-§5.3.9, §5.3.14-§5.3.18). */
    static final Set<String> JOB_STATUS = Set.of(
            "date-time-at-completed", "date-time-at-creation", "date-time-at-processing", "job-id",
            "job-impressions-completed", "job-k-octets-processed", "job-media-sheets-completed",
            "job-pages-completed", "job-printer-state-message", "job-printer-state-reasons", "job-printer-up-time",
            "job-state", "job-state-message", "job-state-reasons", "job-uri", "number-of-intervening-jobs",
            "time-at-completed", "time-at-creation", "time-at-processing");

    private static final Predicate<String> NONE = attribute -> false;
    private static final String[] TEMPLATE_SUFFIXES = {"-default", "-supported", "-ready", "-database"};

    private AttributeGroups() {}

    /** The printer's groups: job template, or printer description (its status among them), and "all" of both. */
    private static final Map<String, Predicate<String>> PRINTER_GROUPS = Map.of(
            RequestedAttribute.all, attribute -> true,
            RequestedAttribute.jobTemplate, AttributeGroups::isPrinterTemplate,
            RequestedAttribute.printerDescription, attribute -> !isPrinterTemplate(attribute),
            ExtraTypes.printerStatus, PRINTER_STATUS::contains);

    /** The job's groups: job template, or job description (its status among them), and "all" of both. */
    private static final Map<String, Predicate<String>> JOB_GROUPS = Map.of(
            RequestedAttribute.all, attribute -> true,
            RequestedAttribute.jobTemplate, JOB_TEMPLATE::contains,
            RequestedAttribute.jobDescription, attribute -> !JOB_TEMPLATE.contains(attribute),
            ExtraTypes.jobStatus, JOB_STATUS::contains);

    /** Is {@code attribute}, of a printer, a member of {@code group}? False for a name that is no printer group. */
    static boolean printerGroupHas(String group, String attribute) {
        return PRINTER_GROUPS.getOrDefault(group, NONE).test(attribute);
    }

    /** Is {@code attribute}, of a job, a member of {@code group}? False for a name that is no job group. */
    static boolean jobGroupHas(String group, String attribute) {
        return JOB_GROUPS.getOrDefault(group, NONE).test(attribute);
    }

    /** media-col-database is given only to those who name it (PWG 5100.7 §6.3: it can be very large). */
    static boolean onlyByName(String printerAttribute) {
        return printerAttribute.equals(Types.mediaColDatabase.getName());
    }

    private static boolean isPrinterTemplate(String attribute) {
        if (PRINTER_TEMPLATE_EXTRAS.contains(attribute)) {
            return true;
        }
        for (String suffix : TEMPLATE_SUFFIXES) {
            if (attribute.endsWith(suffix) && JOB_TEMPLATE.contains(attribute.substring(0, attribute.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }
}
