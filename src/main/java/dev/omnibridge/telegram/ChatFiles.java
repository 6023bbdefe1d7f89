package dev.omnibridge.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import dev.omnibridge.storage.AtomicFiles;

/**
 * The customer's files on their way from Telegram to the case: downloaded into {@code telegram/files} under the data
 * directory, so that a retry, a restart or a dead-letter replay uploads the very same bytes without asking Telegram
 * again.
 */
public class ChatFiles {

    private Path directory = Path.of("data", "telegram", "files");

    public void setDirectory(String directory) {
        this.directory = Path.of(directory);
    }

    public void init() throws IOException {
        Files.createDirectories(directory);
    }

    /** The files went into the case: their copies here are not needed any more. */
    public void delete(List<String> files) throws IOException {
        for (String file : files == null ? List.<String>of() : files) {
            if (file != null) {
                Path path = Path.of(file);
                Files.deleteIfExists(path);
                Files.deleteIfExists(path.getParent());
            }
        }
    }

    /** Where Telegram keeps the file ({@code getFile}'s {@code file_path}); null when it serves none (over 20 MB). */
    public String pathOf(JsonNode file) {
        String path = file == null ? "" : file.path("file_path").asText("");
        return path.isBlank() ? null : path;
    }

    /**
     * Keeps a download's bytes as {@code <a folder of its own>/<file name>} (the case shows the customer's file name);
     * returns the file's path. A failed download is a {@link TelegramCallException}.
     */
    public String save(String fileName, Integer status, byte[] body) throws IOException {
        int code = status == null ? 0 : status;
        if (code < 200 || code > 299 || body == null) {
            throw new TelegramCallException("file download", code, "", 0);
        }
        Path folder = directory.resolve(UUID.randomUUID().toString());
        Files.createDirectories(folder);
        // the customer's name for it, without anything a path could be made of
        String name = (fileName == null || fileName.isBlank() ? "file" : fileName)
                .replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        Path file = folder.resolve(name.isBlank() || name.startsWith(".") ? "file" + name : name);
        AtomicFiles.write(file, body, false);
        return file.toString();
    }
}
