package io.dayshift.machine;

/** MAAS knows no machine with the given system id or hostname (or no tag with the given name). */
public class MachineNotFoundException extends RuntimeException {

    public MachineNotFoundException(String message) {
        super(message);
    }
}
