package io.dayshift.adapter.ssh;

import io.dayshift.shell.RemoteShell;
import io.dayshift.site.Secrets;

/** The production SSH adapter for other adapters' contract tests (its class is package-private). */
public final class SshTestSupport {

    private SshTestSupport() {
    }

    public static RemoteShell shell(Secrets secrets) {
        return new JschRemoteShell(SshProperties.defaults(), secrets, call -> { });
    }
}
