package dev.omnibridge.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Where Telegram keeps the file ({@code getFile}'s {@code file_path}), for its download. */
    public String pathOf(JsonNode file) {
        String path = file == null ? "" : file.path("file_path").asText("");
        if (path.isBlank()) {
            throw new TelegramCallException("getFile", 200, "no file_path (the file is over Telegram's 20 MB)", 0);
        }
        return path;
    }

    /**
     * Keeps a download's bytes as {@code <file id>/<file name>} (the case shows the customer's file name); returns the
     * file's path. A failed download is a {@link TelegramCallException}.
     */
    public String save(String fileId, String fileName, Integer status, byte[] body) throws IOException {
        int code = status == null ? 0 : status;
        if (code < 200 || code > 299 || body == null) {
            throw new TelegramCallException("file download", code, "", 0);
        }
        Path folder = directory.resolve(fileId.replaceAll("[^A-Za-z0-9_-]", "_"));
        Files.createDirectories(folder);
        // the customer's name for it, without anything a path could be made of
        String name = (fileName == null || fileName.isBlank() ? "file" : fileName)
                .replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        Path file = folder.resolve(name.isBlank() || name.startsWith(".") ? "file" + name : name);
        AtomicFiles.write(file, body, false);
        return file.toString();
    }
}
