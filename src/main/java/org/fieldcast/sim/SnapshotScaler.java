package org.fieldcast.sim;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Scales a snapshot for {@code JpegSize=S|M|L|XL}. The old Bosch tech note maps the sizes to QCIF,
 * CIF, 2CIF and 4CIF widths (176, 352, 704, full); HD cameras do not document theirs (RCP+ 5.1), so
 * the widths are kept, the aspect ratio follows the picture, and XL is the encoder's own JPEG.
 */
final class SnapshotScaler {
    private SnapshotScaler() {
    }

    /** Target width for a size code, or 0 for the native picture. */
    static int widthFor(String jpegSize) {
        if (jpegSize == null) {
            return 0;
        }
        return switch (jpegSize.toUpperCase(Locale.ROOT)) {
            case "S" -> 176;
            case "M" -> 352;
            case "L" -> 704;
            default -> 0;
        };
    }

    /**
     * @param quality Bosch JpegQuality is not documented beyond its name; 1..100 is taken as the
     *                JPEG quality percentage, anything else as the default 75
     */
    static byte[] scale(byte[] jpeg, int targetWidth, int quality) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (source == null || targetWidth <= 0 || targetWidth >= source.getWidth()) {
            return jpeg; // never upscale
        }
        int height = Math.max(2, Math.round(source.getHeight() * (targetWidth / (float) source.getWidth())));
        BufferedImage scaled = new BufferedImage(targetWidth, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, targetWidth, height, null);
        } finally {
            g.dispose();
        }
        return encode(scaled, quality >= 1 && quality <= 100 ? quality / 100f : 0.75f);
    }

    private static byte[] encode(BufferedImage image, float quality) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
