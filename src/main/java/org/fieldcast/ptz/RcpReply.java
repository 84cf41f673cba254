package org.fieldcast.ptz;

import java.io.IOException;
import java.io.StringReader;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalInt;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The {@code <result>} of an {@code rcp.xml} reply (RCP+ 1.4), read without depending on formatting:
 * the answer is in {@code <result>}, never in the always-empty {@code <payload/>}; {@code <err>} may
 * stand anywhere; hex in {@code <str>} is lower- or upper-case, spaced, and may be broken across lines.
 *
 * @param error  the RCP+ error code, if the camera answered one
 * @param number the {@code <dec>} value of a numeric result (F_FLAG, T_*), or null
 * @param str    the text of {@code <str>} with whitespace collapsed, or null
 */
public record RcpReply(OptionalInt error, Long number, String str) {

    public static RcpReply parse(String xml) {
        Document doc = document(xml);
        Element root = doc.getDocumentElement();
        String err = firstText(root, "err");
        if (err != null) {
            return new RcpReply(OptionalInt.of(parseCode(err)), null, null);
        }
        Element result = first(root, "result");
        if (result == null) {
            throw new IllegalArgumentException("no <result> in the reply");
        }
        String dec = firstText(result, "dec");
        String hex = firstText(result, "hex");
        Long number = dec != null ? Long.valueOf(dec.trim()) : hex != null ? (long) parseCode(hex) : null;
        String str = firstText(result, "str");
        return new RcpReply(OptionalInt.empty(), number, str == null ? null : str.trim().replaceAll("\\s+", " "));
    }

    public boolean failed() {
        return error.isPresent();
    }

    /** F_FLAG: {@code dec != 0}. */
    public boolean flag() {
        return requireNumber() != 0;
    }

    public long requireNumber() {
        if (number == null) {
            // The camera's answer lacks what was asked for: the camera's failure (502), not the client's.
            throw new CameraException("the camera's reply has no number");
        }
        return number;
    }

    /** P_OCTET / P_UNICODE: the bytes of {@code <str>} ({@code 81 00 06 ...}); empty when none. */
    public byte[] bytes() {
        if (str == null || str.isEmpty()) {
            return new byte[0];
        }
        String h = str.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        if (h.startsWith("0x")) {
            h = h.substring(2);
        }
        return HexFormat.of().parseHex(h);
    }

    static int parseCode(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
    }

    private static Document document(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // A camera's reply is untrusted input: no DTDs, no external entities.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not RCP+ XML: " + e.getMessage(), e);
        }
    }

    private static Element first(Element parent, String name) {
        NodeList list = parent.getElementsByTagName(name);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    private static String firstText(Element parent, String name) {
        Element e = first(parent, name);
        return e == null ? null : e.getTextContent();
    }
}
