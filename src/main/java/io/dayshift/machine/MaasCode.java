package io.dayshift.machine;

/** A status MAAS reports as a stable numeric code with a label; one enum constant stands for the codes it does not know. */
interface MaasCode {

    /** MAAS's numeric code. */
    int code();

    /** MAAS's label for the code. */
    String label();

    /** The constant of {@code type} with MAAS's {@code code}, or {@code unknown} for a code the enum does not know. */
    static <E extends Enum<E> & MaasCode> E ofCode(Class<E> type, int code, E unknown) {
        for (E status : type.getEnumConstants()) {
            if (status.code() == code && status != unknown) {
                return status;
            }
        }
        return unknown;
    }
}
