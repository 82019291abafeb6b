package dev.explorer.pool.search;

import dev.explorer.pool.PoolEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;

/** The Lucene index of a pool: one document per image, the indexed caption text in one BM25 field. */
public final class CaptionIndex {
    /** The searchable caption text (title, file-name words, kept tags). */
    public static final String TEXT = "text";
    /** The image's position in captions.jsonl. */
    public static final String ORD = "ord";

    private CaptionIndex() {
    }

    /** English: lower case, stop words, possessives, Porter stemming ("shoes" finds "shoe"). */
    public static Analyzer analyzer() {
        return new EnglishAnalyzer();
    }

    public static void write(Path dir, List<PoolEntry> entries) throws IOException {
        IndexWriterConfig cfg = new IndexWriterConfig(analyzer()).setSimilarity(new BM25Similarity())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(128)
                .setMergePolicy(new LogDocMergePolicy());
        try (FSDirectory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, cfg)) {
            for (int i = 0; i < entries.size(); i++) {
                Document doc = new Document();
                doc.add(new TextField(TEXT, entries.get(i).caption().text(), Field.Store.NO));
                doc.add(new NumericDocValuesField(ORD, i));
                w.addDocument(doc);
            }
            w.forceMerge(1);
            w.commit();
        }
    }
}
