package io.dayshift.machine;

/** How MAAS powers a machine off: {@code soft} asks the operating system to shut down, {@code hard} cuts power. */
public enum PowerOffMode {
    SOFT, HARD
}
