namespace BffPlatform.Contracts.Common;

public static class PagingLimits
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}
