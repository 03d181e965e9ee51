package io.dayshift.runbook.upgrade;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenStack release in its year.number form ({@code 2023.1}, {@code 2024.2}) and the upgrade rule between two of them:
 * the next release (N → N+1) always; and, from a SLURP release (the {@code .1} releases since 2023.1), the next SLURP
 * release ({@code 2023.1 → 2024.1}), skipping the {@code .2} in between. Nothing else: no other skip, no downgrade, not the
 * same release.
 *
 * @param year   2023
 * @param number 1 or 2
 */
record Release(int year, int number) implements Comparable<Release> {

    private static final Pattern FORM = Pattern.compile("(20[2-9]\\d)\\.([12])");
    private static final Map<String, String> CODENAMES = Map.of("2023.1", "antelope", "2023.2", "bobcat", "2024.1", "caracal",
            "2024.2", "dalmatian", "2025.1", "epoxy", "2025.2", "flamingo", "2026.1", "gazpacho");

    static Optional<Release> parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        return m.matches() ? Optional.of(new Release(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))) : Optional.empty();
    }

    /** The release of a charm channel's track ({@code 2023.2/stable}); other tracks ({@code 8.0/stable}, {@code reef/stable}) have none. */
    static Optional<Release> ofChannel(String channel) {
        int slash = channel.indexOf('/');
        return parse(slash < 0 ? channel : channel.substring(0, slash));
    }

    boolean slurp() {
        return number == 1 && year >= 2023;
    }

    Release next() {
        return number == 1 ? new Release(year, 2) : new Release(year + 1, 1);
    }

    /** The releases this one may be upgraded to: the next one, and the next SLURP release from a SLURP release. */
    List<Release> allowedTargets() {
        return slurp() ? List.of(next(), new Release(year + 1, 1)) : List.of(next());
    }

    /** Why an upgrade from this release to {@code target} is refused, or empty when it is allowed. */
    Optional<String> refusal(Release target) {
        if (target.equals(this)) {
            return Optional.of("the site runs " + this + " already; there is nothing to upgrade");
        }
        if (target.compareTo(this) < 0) {
            return Optional.of(target + " is older than the site's " + this + ": a rolling upgrade never downgrades");
        }
        if (allowedTargets().contains(target)) {
            return Optional.empty();
        }
        String allowed = String.join(" or ", allowedTargets().stream().map(Release::toString).toList());
        String why = slurp() ? "from the SLURP release " + this + " only the next release or the next SLURP release may follow"
                : this + " is not a SLURP release, so only the next release may follow";
        return Optional.of("an upgrade from " + this + " to " + target + " skips releases: " + why + "; upgrade to " + allowed + " first");
    }

    /** The Ubuntu Cloud Archive pocket name ({@code caracal}), or the release itself when unknown. */
    String codename() {
        return CODENAMES.getOrDefault(toString(), toString());
    }

    @Override
    public int compareTo(Release other) {
        return year != other.year ? Integer.compare(year, other.year) : Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return year + "." + number;
    }
}
