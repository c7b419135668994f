namespace BffPlatform.Contracts.Common;

/// <summary>
/// One page of a cursor-paginated list. <see cref="NextCursor"/> is opaque to clients and
/// null on the last page.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
