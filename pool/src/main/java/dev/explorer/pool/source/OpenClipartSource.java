package dev.explorer.pool.source;

import dev.explorer.config.common.ImageFiles;
import dev.explorer.pool.Topic;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * OpenClipart (Debian {@code openclipart-png} + {@code openclipart-svg}): the PNGs, captioned
 * from the matching SVG's RDF metadata ({@code dc:title}, {@code dc:subject} keywords,
 * {@code dc:description}). Ground truth is the top- and second-level directory.
 */
public final class OpenClipartSource implements Source {

    public static final Path DEFAULT_ROOT = Path.of("/usr/share/openclipart");

    private final Path root;

    public OpenClipartSource(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "openclipart";
    }

    @Override
    public String unavailableReason() {
        if (!Files.isDirectory(root.resolve("png"))) {
            return "OpenClipart not found at " + root + "/png (install the Debian packages openclipart-png and "
                    + "openclipart-svg: scripts/install-data)";
        }
        return null;
    }

    /** What the SVG's RDF says about the picture. */
    record Rdf(String title, List<String> subjects, String description) {
    }

    @Override
    public List<SourceItem> items(int limit) throws IOException {
        Path png = root.resolve("png");
        List<Path> files = Sampling.evenly(ImageFiles.list(png, List.of(".png")), limit);
        return files.parallelStream().map(f -> item(png, f)).toList();
    }

    private SourceItem item(Path pngRoot, Path file) {
        String rel = Files2.rel(pngRoot, file);
        String fileName = file.getFileName().toString();
        Path svg = root.resolve("svg").resolve(rel.substring(0, rel.length() - 4) + ".svg");
        Rdf rdf = Files.isRegularFile(svg) ? readRdf(svg) : new Rdf("", List.of(), "");
        List<String> nameWords = Words.fromFileName(fileName);
        String title = rdf.title().isBlank() ? String.join(" ", nameWords) : rdf.title();
        List<String> tags = new ArrayList<>(rdf.subjects());
        if (!rdf.description().isBlank() && !rdf.description().equalsIgnoreCase(title)) {
            tags.add(rdf.description());
        }
        String[] dirs = rel.split("/");
        String top = dirs.length > 1 ? dirs[0] : "";
        String second = dirs.length > 2 ? dirs[1] : "";
        String taxonomy = second.isEmpty() ? top : top + "/" + second;
        return new SourceItem(name(), "public domain (CC0)", rel, title, nameWords, Words.cleanTags(tags),
                taxonomy, topic(top, second, title + " " + String.join(" ", nameWords)), false,
                new ImageRef.RasterFile(file));
    }

    static Topic topic(String top, String second, String text) {
        Topic t = switch (top) {
            case "animals" -> Topic.ANIMAL;
            case "plants" -> Topic.PLANT;
            case "food" -> Topic.FOOD;
            case "people" -> switch (second) {
                case "clothing" -> Topic.CLOTHING;
                case "smilies" -> Topic.FACE;
                default -> Topic.PERSON;
            };
            case "transportation" -> second.equals("roadsigns") || second.equals("aiga-symbols")
                    ? Topic.SIGN_SYMBOL : Topic.VEHICLE;
            case "buildings" -> second.equals("furniture") ? Topic.OBJECT : Topic.BUILDING;
            case "signs_and_symbols" -> second.equals("flags") ? Topic.FLAG : Topic.SIGN_SYMBOL;
            case "shapes", "special" -> Topic.SHAPE;
            case "buttons", "computer" -> Topic.UI_ICON;
            case "logos" -> Topic.SIGN_SYMBOL;
            default -> Topic.OBJECT;
        };
        if ((t == Topic.CLOTHING || t == Topic.OBJECT || t == Topic.PERSON) && Topic.isFootwearWord(text)) {
            return Topic.FOOTWEAR;
        }
        return t;
    }

    private static final XMLInputFactory XML = newFactory();

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        // internal entities (Illustrator exports use them) resolve; external ones read as empty
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, base, ns) -> new ByteArrayInputStream(new byte[0]));
        return f;
    }

    /** Reads the Work's title, subjects and description; stops at the end of the metadata. Blank on any XML error. */
    static Rdf readRdf(Path svg) {
        String title = "";
        String description = "";
        List<String> subjects = new ArrayList<>();
        try (InputStream in = Files.newInputStream(svg)) {
            XMLStreamReader r = XML.createXMLStreamReader(in);
            try {
                int depthInAgent = 0;
                boolean inSubject = false;
                while (r.hasNext()) {
                    int ev = r.next();
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        String ln = r.getLocalName();
                        String ns = r.getNamespaceURI();
                        boolean dc = "http://purl.org/dc/elements/1.1/".equals(ns);
                        if (ln.equals("Agent")) {
                            depthInAgent++;
                        } else if (dc && ln.equals("subject")) {
                            inSubject = true;
                        } else if (inSubject && ln.equals("li")) {
                            subjects.add(r.getElementText());
                        } else if (dc && depthInAgent == 0 && ln.equals("title") && title.isEmpty()) {
                            title = r.getElementText().strip();
                        } else if (dc && depthInAgent == 0 && ln.equals("description") && description.isEmpty()) {
                            description = r.getElementText().strip();
                        }
                    } else if (ev == XMLStreamConstants.END_ELEMENT) {
                        String ln = r.getLocalName();
                        if (ln.equals("Agent")) {
                            depthInAgent--;
                        } else if (ln.equals("subject")) {
                            inSubject = false;
                        } else if (ln.equals("metadata") || ln.equals("RDF")) {
                            break;
                        }
                    }
                }
            } finally {
                r.close();
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            // metadata is optional: the file name still captions the image
        }
        List<String> subs = new ArrayList<>();
        for (String s : subjects) {
            subs.addAll(Words.splitList(s));
        }
        return new Rdf(title.replaceAll("\\s+", " "), subs, description.replaceAll("\\s+", " "));
    }
}
