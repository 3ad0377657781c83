package io.tributary.application.serving;

/** One message of a chat: its role (system, developer, user, assistant) and its text. */
public record ChatMessage(String role, String content) {}
