using System.Diagnostics;
using System.Text;

namespace BffPlatform.ScaledOut.Tests.Deploy;

/// <summary>A service run to completion (the migration Job's steps): its exit code and output.</summary>
public static class OneShotProcess
{
    /// <param name="arguments">After the usual ones: the container's <c>args</c> (<c>--migrate</c>).</param>
    public static async Task<(int? ExitCode, string Output)> RunAsync(PlatformService service, IReadOnlyDictionary<string, string> environment, TimeSpan limit,
        params IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { service.Dll, "--contentRoot", Path.Combine(RepoPaths.Root, service.Folder), "--urls", "http://127.0.0.1:0" }.Concat(arguments))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
            return (process.ExitCode, output.ToString());
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output)
            {
                return (null, $"still running after {limit.TotalSeconds} s (it served instead of migrating and exiting)\n{output}");
            }
        }
    }
}

/// <summary>A repository script run to completion.</summary>
public static class OneShotScript
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{script} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
