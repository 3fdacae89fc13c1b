package io.kafkarestaurants.status;

import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.springframework.util.unit.DataSize;

/**
 * Bounds the native memory of the order view's RocksDB store (Kafka Streams' "bounded
 * memory" recipe): one block cache of {@value #MEMORY} bytes holds the data blocks, the
 * index and filter blocks and, through a write buffer manager, the memtables too. Without
 * it RocksDB takes up to a 50 MB block cache plus three 16 MB memtables, and index blocks
 * outside any limit. Kafka Streams creates this class by name and passes its
 * configuration to {@link #setConfig}.
 */
public class OrderViewRocksDb implements org.apache.kafka.streams.state.RocksDBConfigSetter {

    /**
     * The Kafka Streams setting (of our own) that carries the memory limit, e.g. "32MB".
     */
    public static final String MEMORY = "restaurants.order-view.rocksdb-memory";

    private Cache cache;

    private WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long memory = DataSize.parse(String.valueOf(configs.getOrDefault(MEMORY, "32MB"))).toBytes();
        cache = new LRUCache(memory, -1, false, 0.1);
        writeBuffers = new WriteBufferManager(memory / 4, cache);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBuffers);
        options.setWriteBufferSize(memory / 8);
        options.setMaxWriteBufferNumber(2);
        // No compression: with LZ4 (bottom level only) 1M orders took 367 MiB on disk
        // instead of 800, but the
        // rebuild at start took twice as long (42 s instead of 21, make scale); a
        // replica's time to ready matters more.
        options.setCompressionType(CompressionType.NO_COMPRESSION);
    }

    @Override
    public void close(String storeName, Options options) {
        cache.close();
        writeBuffers.close();
    }

}
