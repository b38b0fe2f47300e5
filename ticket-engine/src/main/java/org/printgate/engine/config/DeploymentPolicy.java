package org.printgate.engine.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which queues a workstation shows as local printers (docs/architecture.md#configuration,
 * docs/ticket-protocol.md §6.10), as PaperCut's Print Deploy chooses the printers a computer
 * gets: by the workstation (its credential), the user and the user's OS groups, showing queues
 * by name, by group or by location. It only decides what is listed: a queue the user may use
 * still takes jobs by its URL, shown or not.
 *
 * @param show what a workstation shows when no rule applies to it: {@code all} (every queue the
 *     user may use, the default) or {@code none}
 * @param rules the rules; every rule that applies adds the queues it shows
 */
public record DeploymentPolicy(Show show, List<Rule> rules) {
    /** Every queue the user may use is shown: the behaviour without a policy. */
    public static final DeploymentPolicy SHOW_ALL = new DeploymentPolicy(Show.ALL, List.of());

    /** What a workstation no rule applies to shows. */
    public enum Show { ALL, NONE }

    public DeploymentPolicy {
        show = show == null ? Show.ALL : show;
        rules = rules == null ? List.of() : List.copyOf(rules);
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.queues().isEmpty() && rule.groups().isEmpty() && rule.locations().isEmpty()) {
                throw new IllegalArgumentException("deployment.rules[" + i + "]: names no queues, groups or locations to show");
            }
        }
    }

    /**
     * One rule: whom it applies to (every key given must match; a key left out matches anyone)
     * and what it shows (queues named, in a group, or at a location matching).
     *
     * @param workstations credential names, {@code *} a wildcard ({@code ws-finance-*})
     * @param users identities, {@code user@domain}, {@code *@domain} or {@code *}
     * @param userGroups OS groups of the user, as the spooler reports them; any one matches
     * @param queues queue names shown
     * @param groups queue groups shown (a printer's {@code groups} key)
     * @param locations printer-location values shown, {@code *} a wildcard ({@code "Building A*"})
     */
    public record Rule(List<String> workstations, List<String> users, List<String> userGroups, List<String> queues,
                       List<String> groups, List<String> locations) {
        public Rule {
            workstations = workstations == null ? List.of() : List.copyOf(workstations);
            users = users == null ? List.of() : List.copyOf(users);
            userGroups = userGroups == null ? List.of() : List.copyOf(userGroups);
            queues = queues == null ? List.of() : List.copyOf(queues);
            groups = groups == null ? List.of() : List.copyOf(groups);
            locations = locations == null ? List.of() : List.copyOf(locations);
        }

        boolean appliesTo(String workstation, String user, Collection<String> groupsOfUser) {
            return (workstations.isEmpty() || workstations.stream().anyMatch(w -> glob(w, workstation)))
                    && (users.isEmpty() || user != null && users.stream().anyMatch(u -> glob(u, user)))
                    && (userGroups.isEmpty() || groupsOfUser.stream().anyMatch(userGroups::contains));
        }

        boolean shows(String queue, Collection<String> groupsOfQueue, String location) {
            return queues.contains(queue) || groupsOfQueue.stream().anyMatch(groups::contains)
                    || locations.stream().anyMatch(l -> glob(l, location));
        }
    }

    /**
     * Does the policy show {@code queue} (in {@code groupsOfQueue}, at {@code location}) on the
     * workstation holding credential {@code workstation}, to {@code user} (null: not named) in
     * {@code groupsOfUser}? Whether the user may use it at all is the queue's access list's question.
     */
    public boolean shows(String workstation, String user, Collection<String> groupsOfUser, String queue,
                         Collection<String> groupsOfQueue, String location) {
        boolean applied = false;
        for (Rule rule : rules) {
            if (rule.appliesTo(workstation, user, groupsOfUser)) {
                applied = true;
                if (rule.shows(queue, groupsOfQueue, location)) {
                    return true;
                }
            }
        }
        return !applied && show == Show.ALL;
    }

    /** {@code *} matches any run of characters; case does not count (domains, locations). */
    private static boolean glob(String pattern, String value) {
        if (value == null) {
            return false;
        }
        String regex = Pattern.quote(pattern.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q");
        return value.toLowerCase(Locale.ROOT).matches(regex);
    }
}
