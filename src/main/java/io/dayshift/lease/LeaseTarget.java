package io.dayshift.lease;

/**
 * One thing a run changes, on one site: a host (compute or control node), the site's control plane, its databases, its
 * deployment configuration (inventory, {@code globals.yml}, the Juju model's config), or the site as a whole. The site
 * as a whole conflicts with every other target of the site; any other target only with itself.
 *
 * @param kind what sort of thing
 * @param site the site's name
 * @param name the host's name; empty for the site-wide kinds
 */
public record LeaseTarget(Kind kind, String site, String name) {

    public enum Kind {
        HOST("host"), CONTROL_PLANE("control-plane"), DATABASES("databases"), DEPLOYMENT("deployment"), SITE("site");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        static Kind of(String word) {
            for (Kind kind : values()) {
                if (kind.word.equals(word)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("'" + word + "' is not a lease kind (host, control-plane, databases, deployment, site)");
        }
    }

    public LeaseTarget {
        name = name == null ? "" : name;
    }

    /** The key stored (and unique) in the lease table: {@code host:lab:cn03}, {@code site:lab}. */
    public String key() {
        return kind.word + ":" + site + (name.isEmpty() ? "" : ":" + name);
    }

    boolean conflictsWith(LeaseTarget other) {
        return site.equals(other.site) && (kind == Kind.SITE || other.kind == Kind.SITE || key().equals(other.key()));
    }

    /** "cn03 on lab", "the control plane of lab", "all of lab". */
    public String describe() {
        return switch (kind) {
            case HOST -> name + " on " + site;
            case CONTROL_PLANE -> "the control plane of " + site;
            case DATABASES -> "the databases of " + site;
            case DEPLOYMENT -> "the deployment configuration of " + site;
            case SITE -> "all of " + site;
        };
    }

    static LeaseTarget parse(String key) {
        String[] parts = key.split(":", 3);
        return new LeaseTarget(Kind.of(parts[0]), parts[1], parts.length > 2 ? parts[2] : "");
    }
}
