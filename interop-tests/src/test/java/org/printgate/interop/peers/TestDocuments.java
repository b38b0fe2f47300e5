package org.printgate.interop.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.printgate.testing.peers.ExternalCommand;
import org.printgate.testing.peers.PeerTools;

/**
 * The documents CUPS's ipptool conformance files print, which CUPS does not ship, generated
 * with Ghostscript from PostScript written here, into {@code target/ipptool-docs}:
 * <ul>
 *   <li>{@code document-a4.pdf|.ps}, {@code document-letter.pdf|.ps} (4 pages each),
 *       {@code color.jpg}, {@code gray.jpg} (a 4x6 in photo) — referenced by {@code ipp-1.1.test};
 *       also {@code onepage-a4.pdf|.ps}, {@code onepage-letter.pdf|.ps}, sources of rasters;</li>
 *   <li>{@code pwg-raster-samples-<res>dpi/<type>/<doc>-<type>-<res>dpi.pwg} — referenced by
 *       {@code ipp-everywhere.test} (PWG 5102.4 raster).</li>
 * </ul>
 * ipptool reads every {@code FILE} of a test file while parsing it: one missing file aborts
 * the whole run, even in a test guarded by {@code SKIP-IF-MISSING} or skipped because the
 * printer lacks that resolution. So every referenced raster exists: real ones for the
 * resolutions asked for (those the printer under test advertises in
 * {@code pwg-raster-document-resolution-supported}), and for the others a placeholder that is
 * deliberately not PWG raster, so a printer that advertises a resolution we did not render
 * receives a document it must reject rather than one that looks right.
 * <p>
 * Generation happens once per JVM and directory; the result is reused across runs while the
 * generator and Ghostscript stay the same (a fingerprint in {@code .generated}).
 */
public final class TestDocuments {

    /** A page size: PostScript points, and the PWG self-describing media name. */
    public enum Paper {
        A4(595, 842, "iso_a4_210x297mm"),
        LETTER(612, 792, "na_letter_8.5x11in"),
        PHOTO_4X6(288, 432, "na_index-4x6_4x6in");

        final int width;
        final int height;
        final String pwgName;

        Paper(int width, int height, String pwgName) {
            this.width = width;
            this.height = height;
            this.pwgName = pwgName;
        }

        public String pwgName() {
            return pwgName;
        }
    }

    /** A PWG raster type as ipp-everywhere.test names it, with Ghostscript's cups colour settings. */
    public enum RasterType {
        BLACK_1("black-1", 3, 1),
        SGRAY_8("sgray-8", 18, 8),
        SRGB_8("srgb-8", 19, 8),
        SRGB_16("srgb-16", 19, 16),
        CMYK_8("cmyk-8", 6, 8);

        final String directory;
        final int cupsColorSpace;
        final int bitsPerColor;

        RasterType(String directory, int cupsColorSpace, int bitsPerColor) {
            this.directory = directory;
            this.cupsColorSpace = cupsColorSpace;
            this.bitsPerColor = bitsPerColor;
        }

        /** The name used in directory and file names, e.g. {@code sgray-8}. */
        public String fileName() {
            return directory;
        }
    }

    /** Every resolution whose rasters ipp-everywhere.test (CUPS 2.4.2) names. */
    public static final List<Integer> REFERENCED_RESOLUTIONS = List.of(150, 180, 300, 360, 600, 720);

    /** The rasters ipp-everywhere.test names per resolution: sample name → raster types. */
    public static final Map<String, List<RasterType>> REFERENCED_RASTERS = Map.of(
            "color.jpg-4x6", List.of(RasterType.values()),
            "gray.jpg-4x6", List.of(RasterType.BLACK_1, RasterType.CMYK_8, RasterType.SGRAY_8),
            "document-a4", List.of(RasterType.BLACK_1, RasterType.CMYK_8, RasterType.SGRAY_8, RasterType.SRGB_8),
            "document-letter", List.of(RasterType.BLACK_1, RasterType.CMYK_8, RasterType.SGRAY_8, RasterType.SRGB_8),
            "onepage-a4", List.of(RasterType.BLACK_1, RasterType.CMYK_8, RasterType.SGRAY_8, RasterType.SRGB_8),
            "onepage-letter", List.of(RasterType.BLACK_1, RasterType.CMYK_8, RasterType.SGRAY_8, RasterType.SRGB_8));

    /** Pages in document-a4 and document-letter. */
    public static final int DOCUMENT_PAGES = 4;

    private static final String GENERATOR_VERSION = "1";
    private static final String STAMP = ".generated";
    private static final byte[] PWG_SYNC = "RaS2".getBytes(StandardCharsets.US_ASCII);
    private static final Duration GS_TIMEOUT = Duration.ofMinutes(2);
    private static final Map<Path, TestDocuments> GENERATED = new ConcurrentHashMap<>();

    private final Path dir;
    private final TreeSet<Integer> rasterResolutions = new TreeSet<>();

    private TestDocuments(Path dir) {
        this.dir = dir;
    }

    /** The documents in {@code target/ipptool-docs}, with real PWG rasters at 300 dpi. */
    public static TestDocuments standard() {
        return withRasterResolutions(300);
    }

    /** The documents in {@code target/ipptool-docs}, with real PWG rasters at {@code dpi}. */
    public static TestDocuments withRasterResolutions(Integer... dpi) {
        return generate(moduleTarget().resolve("ipptool-docs"), List.of(dpi));
    }

    /** Generates (or reuses) the documents in {@code dir}, with real rasters at {@code resolutions}. */
    public static synchronized TestDocuments generate(Path dir, Collection<Integer> resolutions) {
        TestDocuments documents = GENERATED.computeIfAbsent(dir.toAbsolutePath().normalize(), TestDocuments::new);
        documents.ensure(new TreeSet<>(resolutions));
        return documents;
    }

    /** The folder to run ipptool from. */
    public Path dir() {
        return dir;
    }

    /** The resolutions with real PWG rasters (at least those asked for). */
    public List<Integer> rasterResolutions() {
        return List.copyOf(rasterResolutions);
    }

    /** A generated file by its name relative to {@link #dir()}, e.g. {@code document-a4.pdf}. */
    public Path file(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("TestDocuments has no " + name + " in " + dir);
        }
        return file;
    }

    /** The raster ipp-everywhere.test prints for {@code sample} (e.g. {@code document-a4}). */
    public Path pwgRaster(String sample, RasterType type, int dpi) {
        return dir.resolve(rasterName(sample, type, dpi));
    }

    /** Every file ipptool's test files name, relative to {@link #dir()}. */
    public static List<String> referencedFiles() {
        List<String> names = new ArrayList<>(List.of(
                "document-a4.pdf", "document-a4.ps", "document-letter.pdf", "document-letter.ps",
                "color.jpg", "gray.jpg"));
        for (int dpi : REFERENCED_RESOLUTIONS) {
            REFERENCED_RASTERS.forEach((sample, types) ->
                    types.forEach(type -> names.add(rasterName(sample, type, dpi))));
        }
        return names;
    }

    /** True if {@code file} starts like a PWG raster stream. */
    public static boolean isPwgRaster(Path file) {
        try (var in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(PWG_SYNC.length), PWG_SYNC);
        } catch (IOException e) {
            return false;
        }
    }

    /** An A4 PDF of {@code pages} pages, each saying "Page i of n" in large type. */
    public Path multiPagePdf(int pages) {
        return multiPagePdf(pages, Paper.A4);
    }

    public synchronized Path multiPagePdf(int pages, Paper paper) {
        Path pdf = dir.resolve("pages-" + pages + "-" + paper.name().toLowerCase(Locale.ROOT) + ".pdf");
        try {
            if (!Files.isRegularFile(pdf)) {
                pdfFrom(multiPagePostScript(pages, paper), pdf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + pdf, e);
        }
        return pdf;
    }

    /** An A4 DSC-conforming PostScript document of {@code pages} pages. */
    public Path multiPagePostScript(int pages) {
        return multiPagePostScript(pages, Paper.A4);
    }

    public synchronized Path multiPagePostScript(int pages, Paper paper) {
        String title = "pages-" + pages + "-" + paper.name().toLowerCase(Locale.ROOT);
        Path ps = dir.resolve(title + ".ps");
        try {
            if (!Files.isRegularFile(ps)) {
                write(ps, postScript(title, pages, paper));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + ps, e);
        }
        return ps;
    }

    /**
     * A DSC-conforming document: {@code %%Pages}, one {@code %%Page} per page, the page size
     * set with {@code setpagedevice}. Every page shows the title, its number huge, "Page i of n",
     * a band in a colour of its own and cyan, magenta, yellow and black patches.
     */
    public static String postScript(String title, int pages, Paper paper) {
        int w = paper.width;
        int h = paper.height;
        StringBuilder ps = new StringBuilder();
        ps.append("%!PS-Adobe-3.0\n")
                .append("%%Title: ").append(title).append('\n')
                .append("%%Creator: Printgate TestDocuments\n")
                .append("%%BoundingBox: 0 0 ").append(w).append(' ').append(h).append('\n')
                .append("%%DocumentMedia: ").append(paper.pwgName).append(' ').append(w).append(' ').append(h)
                .append(" 0 () ()\n")
                .append("%%Pages: ").append(pages).append('\n')
                .append("%%EndComments\n")
                .append("%%BeginProlog\n")
                .append("/centered { dup stringwidth pop 2 div neg 0 rmoveto show } bind def\n")
                .append("/font { exch findfont exch scalefont setfont } bind def\n")
                .append("%%EndProlog\n")
                .append("%%BeginSetup\n")
                .append("<< /PageSize [").append(w).append(' ').append(h).append("] >> setpagedevice\n")
                .append("%%EndSetup\n");
        int big = Math.min(w, h) / 3;
        int margin = Math.min(w, h) / 16;
        int patch = (w - 2 * margin) / 4;
        for (int page = 1; page <= pages; page++) {
            double hue = (page - 1) / (double) Math.max(pages, 1);
            ps.append("%%Page: ").append(page).append(' ').append(page).append('\n')
                    .append("save\n")
                    .append("0 setgray 1 setlinewidth ").append(margin / 2).append(' ').append(margin / 2).append(' ')
                    .append(w - margin).append(' ').append(h - margin).append(" rectstroke\n")
                    .append("/Helvetica-Bold ").append(Math.max(big / 8, 10)).append(" font ")
                    .append(w / 2).append(' ').append(h - 2 * margin).append(" moveto (")
                    .append(escape(title)).append(") centered\n")
                    .append("/Helvetica-Bold ").append(big).append(" font ")
                    .append(w / 2).append(' ').append(h / 2).append(" moveto (").append(page).append(") centered\n")
                    .append("/Helvetica ").append(Math.max(big / 6, 10)).append(" font ")
                    .append(w / 2).append(' ').append(h / 2 - big / 3).append(" moveto (Page ").append(page)
                    .append(" of ").append(pages).append(") centered\n")
                    .append(String.format(Locale.ROOT, "%.3f 0.9 0.9 sethsbcolor ", hue))
                    .append(margin).append(' ').append(2 * margin + patch).append(' ')
                    .append(w - 2 * margin).append(' ').append(margin).append(" rectfill\n");
            String[] cmyk = {"1 0 0 0", "0 1 0 0", "0 0 1 0", "0 0 0 1"};
            for (int i = 0; i < cmyk.length; i++) {
                ps.append(cmyk[i]).append(" setcmykcolor ").append(margin + i * patch).append(' ')
                        .append(margin).append(' ').append(patch).append(' ').append(patch).append(" rectfill\n");
            }
            ps.append("restore\nshowpage\n");
        }
        ps.append("%%Trailer\n%%EOF\n");
        return ps.toString();
    }

    /** A 4x6 in photo-like page: smooth colour (or grey) bands and a caption. */
    static String photoPostScript(String title, boolean gray) {
        int w = Paper.PHOTO_4X6.width;
        int h = Paper.PHOTO_4X6.height;
        String colour = gray
                ? "/colour { 0.114 mul 3 1 roll 0.587 mul exch 0.299 mul add add setgray } bind def\n"
                : "/colour { setrgbcolor } bind def\n";
        return "%!PS-Adobe-3.0\n"
                + "%%Title: " + title + "\n"
                + "%%Creator: Printgate TestDocuments\n"
                + "%%BoundingBox: 0 0 " + w + " " + h + "\n"
                + "%%Pages: 1\n"
                + "%%EndComments\n"
                + "%%BeginProlog\n" + colour + "%%EndProlog\n"
                + "%%BeginSetup\n<< /PageSize [" + w + " " + h + "] >> setpagedevice\n%%EndSetup\n"
                + "%%Page: 1 1\n"
                + "0 1 47 { /i exch def i 47 div 1 i 47 div sub 0.5 colour 0 i 9 mul " + w + " 9 rectfill } for\n"
                + "0 1 15 { /i exch def 1 i 15 div 0.2 colour i 18 mul 40 add 150 16 120 rectfill } for\n"
                + "0 0 0 colour /Helvetica-Bold findfont 28 scalefont setfont 24 330 moveto (" + escape(title)
                + ") show\n"
                + "showpage\n%%Trailer\n%%EOF\n";
    }

    private void ensure(TreeSet<Integer> wanted) {
        if (rasterResolutions.containsAll(wanted) && !rasterResolutions.isEmpty()) {
            return;
        }
        PeerTools.requireAll("gs", "ps2pdf");
        try {
            Files.createDirectories(dir);
            // Other JVMs (a parallel build, another module's tests) may generate into the same folder.
            // The lock is released when the channel closes.
            try (FileChannel channel = FileChannel.open(dir.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.lock();
                generateLocked(wanted);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not generate test documents in " + dir, e);
        }
    }

    private void generateLocked(TreeSet<Integer> wanted) throws IOException {
        String fingerprint = fingerprint();
        Properties stamp = readStamp();
        if (!fingerprint.equals(stamp.getProperty("fingerprint"))) {
            clearGeneratedFiles();
            stamp = new Properties();
        }
        for (int dpi : parseResolutions(stamp.getProperty("rasters", ""))) {
            // Trust the stamp only as far as the files are still there.
            if (rastersPresent(dpi)) {
                rasterResolutions.add(dpi);
            }
        }

        generateBaseDocuments();
        for (int dpi : wanted) {
            if (!rasterResolutions.contains(dpi)) {
                generateRasters(dpi);
                rasterResolutions.add(dpi);
            }
        }
        for (int dpi : REFERENCED_RESOLUTIONS) {
            if (!rasterResolutions.contains(dpi)) {
                writePlaceholders(dpi);
            }
        }

        stamp.setProperty("fingerprint", fingerprint);
        stamp.setProperty("rasters", rasterResolutions.stream().map(String::valueOf).collect(Collectors.joining(",")));
        Path stampFile = dir.resolve(STAMP);
        Path temporary = Files.createTempFile(dir, STAMP, ".tmp");
        try (var out = Files.newBufferedWriter(temporary)) {
            stamp.store(out, "Printgate TestDocuments: fingerprint of generator and Ghostscript; real raster resolutions");
        }
        Files.move(temporary, stampFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void generateBaseDocuments() throws IOException {
        for (Paper paper : List.of(Paper.A4, Paper.LETTER)) {
            String suffix = paper == Paper.A4 ? "a4" : "letter";
            for (var doc : Map.of("document-" + suffix, DOCUMENT_PAGES, "onepage-" + suffix, 1).entrySet()) {
                Path ps = dir.resolve(doc.getKey() + ".ps");
                Path pdf = dir.resolve(doc.getKey() + ".pdf");
                if (!Files.isRegularFile(ps)) {
                    write(ps, postScript(doc.getKey(), doc.getValue(), paper));
                }
                if (!Files.isRegularFile(pdf)) {
                    pdfFrom(ps, pdf);
                }
            }
        }
        Path sources = Files.createDirectories(dir.resolve("sources"));
        for (String photo : List.of("color", "gray")) {
            Path ps = sources.resolve(photo + "-4x6.ps");
            Path pdf = sources.resolve(photo + "-4x6.pdf");
            Path jpg = dir.resolve(photo + ".jpg");
            if (!Files.isRegularFile(ps)) {
                write(ps, photoPostScript(photo + ".jpg", photo.equals("gray")));
            }
            if (!Files.isRegularFile(pdf)) {
                pdfFrom(ps, pdf);
            }
            if (!Files.isRegularFile(jpg)) {
                ghostscript(pdf, jpg, "-sDEVICE=" + (photo.equals("gray") ? "jpeggray" : "jpeg"), "-r150",
                        "-dJPEGQ=90");
            }
        }
    }

    private void generateRasters(int dpi) throws IOException {
        for (var sample : REFERENCED_RASTERS.entrySet()) {
            Source source = source(sample.getKey());
            for (RasterType type : sample.getValue()) {
                Path out = pwgRaster(sample.getKey(), type, dpi);
                Files.createDirectories(out.getParent());
                ghostscript(source.pdf, out,
                        "-sDEVICE=pwgraster", "-r" + dpi,
                        "-dcupsColorSpace=" + type.cupsColorSpace, "-dcupsBitsPerColor=" + type.bitsPerColor,
                        "-dDEVICEWIDTHPOINTS=" + source.paper.width, "-dDEVICEHEIGHTPOINTS=" + source.paper.height,
                        "-dFIXEDMEDIA", "-dPDFFitPage", "-scupsPageSizeName=" + source.paper.pwgName);
                if (!isPwgRaster(out)) {
                    throw new AssertionError("Ghostscript wrote no PWG raster to " + out);
                }
            }
        }
    }

    private boolean rastersPresent(int dpi) {
        return REFERENCED_RASTERS.entrySet().stream().allMatch(sample -> sample.getValue().stream()
                .allMatch(type -> isPwgRaster(pwgRaster(sample.getKey(), type, dpi))));
    }

    private void writePlaceholders(int dpi) throws IOException {
        for (var sample : REFERENCED_RASTERS.entrySet()) {
            for (RasterType type : sample.getValue()) {
                Path out = pwgRaster(sample.getKey(), type, dpi);
                Files.createDirectories(out.getParent());
                write(out, "NOT A PWG RASTER. Printgate TestDocuments rendered no " + dpi + " dpi samples (it was"
                        + " asked for " + rasterResolutions + " dpi). ipptool needs this file to exist; a printer"
                        + " advertising " + dpi + " dpi must be tested with TestDocuments.withRasterResolutions("
                        + dpi + ").\n");
            }
        }
    }

    private record Source(Path pdf, Paper paper) {
    }

    private Source source(String sample) {
        return switch (sample) {
            case "color.jpg-4x6" -> new Source(dir.resolve("sources/color-4x6.pdf"), Paper.PHOTO_4X6);
            case "gray.jpg-4x6" -> new Source(dir.resolve("sources/gray-4x6.pdf"), Paper.PHOTO_4X6);
            default -> new Source(dir.resolve(sample + ".pdf"), sample.endsWith("a4") ? Paper.A4 : Paper.LETTER);
        };
    }

    private static String rasterName(String sample, RasterType type, int dpi) {
        return "pwg-raster-samples-" + dpi + "dpi/" + type.directory + "/" + sample + "-" + type.directory + "-"
                + dpi + "dpi.pwg";
    }

    private void pdfFrom(Path ps, Path pdf) throws IOException {
        Path temporary = temporarySibling(pdf);
        ExternalCommand.of(PeerTools.require("ps2pdf").toString(), ps.toString(), temporary.toString())
                .in(dir).timeout(GS_TIMEOUT).runSuccessfully();
        Files.move(temporary, pdf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void ghostscript(Path in, Path out, String... options) throws IOException {
        Path temporary = temporarySibling(out);
        List<String> command = new ArrayList<>(List.of(PeerTools.require("gs").toString(),
                "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE"));
        command.addAll(List.of(options));
        command.add("-sOutputFile=" + temporary);
        command.add(in.toString());
        ExternalCommand.of(command).in(dir).timeout(GS_TIMEOUT).runSuccessfully();
        Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Written beside its final name and then renamed, so a reader never sees half a file. */
    private static void write(Path file, String text) throws IOException {
        Path temporary = temporarySibling(file);
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path temporarySibling(Path file) {
        // The name keeps its extension at the end: ps2pdf and gs look at it.
        return file.resolveSibling(".tmp-" + ProcessHandle.current().pid() + "-" + file.getFileName());
    }

    private String fingerprint() throws IOException {
        String gsVersion = ExternalCommand.of(PeerTools.require("gs").toString(), "--version")
                .runSuccessfully().stdout().trim();
        StringBuilder inputs = new StringBuilder(GENERATOR_VERSION).append('\n').append(gsVersion).append('\n');
        inputs.append(postScript("document-a4", DOCUMENT_PAGES, Paper.A4));
        inputs.append(photoPostScript("color.jpg", false)).append(photoPostScript("gray.jpg", true));
        inputs.append(REFERENCED_RASTERS).append(REFERENCED_RESOLUTIONS);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inputs.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Properties readStamp() throws IOException {
        Properties stamp = new Properties();
        Path file = dir.resolve(STAMP);
        if (Files.isRegularFile(file)) {
            try (var in = Files.newBufferedReader(file)) {
                stamp.load(in);
            }
        }
        return stamp;
    }

    private void clearGeneratedFiles() throws IOException {
        rasterResolutions.clear();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals(".lock")) {
                    deleteRecursively(entry);
                }
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static List<Integer> parseResolutions(String list) {
        return Stream.of(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
    }

    /** {@code target/} of this module, found from where the test classes were loaded. */
    static Path moduleTarget() {
        try {
            Path classes = Path.of(TestDocuments.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Optional.ofNullable(classes.getParent()).orElseThrow();
        } catch (Exception e) {
            return Path.of(System.getProperty("user.dir"), "target");
        }
    }
}
