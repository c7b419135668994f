using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Partners;
using BffPlatform.ServiceDefaults.Auth;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.CoreApi.Idempotency;

/// <summary>The <c>Idempotency-Key</c> header: its rules, the caller's scope and the request fingerprint.</summary>
public static class IdempotencyKeys
{
    /// <summary>Required, 1..<see cref="OrderLimits.IdempotencyKeyMaxLength"/> printable characters.</summary>
    public static bool TryValidate([NotNullWhen(true)] string? key, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = key switch
        {
            null or { Length: 0 } => Problem.Validation(IdempotencyHeaders.Key, "The Idempotency-Key header is required: a unique value per operation, sent again unchanged when retrying."),
            _ when !OrderLimits.IsWellFormedIdempotencyKey(key) => Problem.Validation(IdempotencyHeaders.Key, OrderLimits.IdempotencyKeyRule),
            _ => null,
        };
        return problem is null;
    }

    /// <summary>
    /// Keys belong to a caller and an operation: two users (or a user and a service) may pick
    /// the same key without seeing each other's answers.
    /// </summary>
    public static string ScopeOf(HttpContext http, string operation) =>
        http.PartnerCaller() is { } partner
            // public-api acts for many partners with one token: each partner (and each of its
            // environments) has its own keys, so no partner can replay another's answer.
            ? $"partner:{partner.PartnerId:D}:{partner.Environment}:{operation}"
            : ScopeOf(http.User, operation);

    /// <summary>The scope of a caller acting as itself.</summary>
    public static string ScopeOf(ClaimsPrincipal caller, string operation) =>
        caller.IsServiceCaller()
            ? $"client:{caller.ClientId() ?? caller.SubjectId()}:{operation}"
            : $"user:{caller.SubjectId()}:{operation}";

    /// <summary>SHA-256 (hex) of the operation and the request's canonical body.</summary>
    public static string Fingerprint(string operation, ReadOnlySpan<byte> canonicalBody)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(operation + "\n"));
        hash.AppendData(canonicalBody);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
