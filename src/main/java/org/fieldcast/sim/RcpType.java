package org.fieldcast.sim;

import java.util.Locale;

/** RCP+ payload data types as named in the CGI {@code type} parameter (RCP+ 1.3). */
enum RcpType {
    F_FLAG(2),
    T_OCTET(2),
    T_WORD(4),
    T_INT(8),
    T_DWORD(8),
    P_OCTET(0),
    P_STRING(0),
    P_UNICODE(0);

    /** Hex digits of a numeric result ({@code <hex>0x01</hex>} for a flag, eight for a DWORD). */
    final int hexDigits;

    RcpType(int hexDigits) {
        this.hexDigits = hexDigits;
    }

    boolean numeric() {
        return hexDigits > 0;
    }

    /** The type named by a request, or null for a missing or unknown name. */
    static RcpType parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
