namespace NewsPlatform.Platform.Messaging;

/// <summary>The inbox: one row per message a consumer has applied, written in the same transaction as its effect.</summary>
public sealed record ProcessedMessage(string Id, string MessageType, DateTimeOffset ProcessedAt);
