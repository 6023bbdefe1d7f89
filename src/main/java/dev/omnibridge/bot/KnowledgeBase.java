package dev.omnibridge.bot;

import dev.omnibridge.omnidesk.KbArticle;
import java.util.List;

/** Searches the helpdesk's knowledge base. Implementations return active articles only, best first. */
public interface KnowledgeBase {

    List<KbArticle> search(String query, int limit);
}
