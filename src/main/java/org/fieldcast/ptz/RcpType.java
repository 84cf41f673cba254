package org.fieldcast.ptz;

/** RCP+ payload data types as the CGI {@code type} parameter names them (RCP+ 1.3). */
public enum RcpType {
    F_FLAG,
    T_OCTET,
    T_WORD,
    T_INT,
    T_DWORD,
    P_OCTET,
    P_STRING,
    P_UNICODE;

    /** Types whose payload is written as {@code 0x} followed by hex bytes. */
    boolean hexPayload() {
        return this == P_OCTET || this == P_UNICODE;
    }
}
