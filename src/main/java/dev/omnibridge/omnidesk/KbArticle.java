package dev.omnibridge.omnidesk;

/** A knowledge-base article reduced to what a chat answer needs: plain text, no HTML. */
public record KbArticle(long id, String title, String text, String link) {}
