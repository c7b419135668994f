using System.Data.Common;
using System.Text.RegularExpressions;
using BffPlatform.Testing.Processes;

namespace BffPlatform.ScaledOut.Tests.Deploy;

/// <summary>
/// The local overlay's platform run as real processes: each service gets exactly the environment
/// its rendered manifest gives its container (ConfigMaps, Secrets, env), with the cluster's
/// addresses pointed at this machine: PostgreSQL and Redis of the test's own, the services'
/// in-cluster URLs at their local ports, the mounted key Secret at a folder of fresh keys (what
/// apply.sh creates), and OTLP export to <see cref="Collector"/>. The migration Job's steps run
/// first. Start-up failures are kept per service, so each test names the one it needs.
/// </summary>
public sealed partial class DeployedPlatform : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("bffplatform-deploy-").FullName;
    private readonly Dictionary<string, ServiceProcess> _running = [];
    private readonly Dictionary<string, int> _ports = PlatformServices.All.ToDictionary(s => s.Name, _ => FreePort.Next());
    private readonly HashSet<string> _databases = [];
    private LocalPostgres? _postgres;
    private LocalRedis? _redis;

    public Manifests Manifests { get; private set; } = null!;
    public OtlpCollector Collector { get; private set; } = null!;
    public Dictionary<string, string> Failures { get; } = [];
    public Dictionary<string, (int? ExitCode, string Output)> Migrations { get; } = [];

    public string Url(string service) => $"http://127.0.0.1:{_ports[service]}";

    public async Task InitializeAsync()
    {
        Manifests = await Manifests.RenderAsync("local");
        _postgres = await LocalPostgres.StartNewAsync();
        _redis = await LocalRedis.StartNewAsync();
        Collector = await OtlpCollector.StartAsync();
        await WriteIdentityKeysAsync();

        var job = Manifests.Get("Job", "platform-migrate");
        var spec = Manifests.Map(job, "spec", "template", "spec");
        foreach (var step in Manifests.Seq(spec, "initContainers").Concat(Manifests.Seq(spec, "containers")).Cast<YamlDotNet.RepresentationModel.YamlMappingNode>())
        {
            var service = PlatformServices.Named(Manifests.Str(step, "name")!);
            var arguments = Manifests.Seq(step, "args").Select(a => ((YamlDotNet.RepresentationModel.YamlScalarNode)a).Value ?? "").ToList();
            Migrations[service.Name] = await OneShotProcess.RunAsync(service, await LocalizeAsync(service, Manifests.EnvironmentOf(step)), TimeSpan.FromSeconds(120), arguments);
        }

        foreach (var service in PlatformServices.All)
        {
            var settings = await LocalizeAsync(service, Manifests.EnvironmentOf(Manifests.Container(service.Name)));
            var process = ServiceProcess.Start(RepoPaths.Root, _root, service.Name, service.Folder, service.Assembly, _ports[service.Name], settings);
            _running[service.Name] = process;
            try
            {
                await process.WaitUntilReadyAsync("/health/live", TimeSpan.FromSeconds(120));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                Failures[service.Name] = e.Message;
            }
        }
    }

    /// <summary>The service's recent output, for assertion messages.</summary>
    public string Log(string service) => _running.TryGetValue(service, out var p) ? p.Tail() : "(not started)";

    private string KeysDirectory => Path.Combine(_root, "identity-keys");

    /// <summary>The keys the identity-keys Secret holds, made by the script apply.sh makes them with.</summary>
    private async Task WriteIdentityKeysAsync()
    {
        var script = await OneShotScript.RunAsync(Path.Combine(RepoPaths.Root, "deploy", "identity-keys.sh"), KeysDirectory);
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/identity-keys.sh failed: {script.Output}");
        }
    }

    private async Task<Dictionary<string, string>> LocalizeAsync(PlatformService service, Dictionary<string, string> environment)
    {
        var local = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in environment)
        {
            local[key] = key switch
            {
                _ when key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) => await LocalDatabaseAsync(value),
                "Redis__Configuration" => _redis!.Configuration,
                "Identity__Keys__Directory" => KeysDirectory,
                _ => ClusterUrl().Replace(value, m => Url(ServiceOnPort(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))),
            };
        }
        // What the image sets (deploy/docker): the data folder is an emptyDir in the pod.
        local["Data__Directory"] = Path.Combine(_root, "data", service.Name);
        if (service.Name == "public-api")
        {
            // The test's webhook receiver runs on this machine's loopback, which a cluster's receivers never do.
            local["Webhooks__AllowLoopbackReceivers"] = "true";
        }
        local["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.EndpointFor(service.Name);
        local["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        local["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        local["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        return local;
    }

    private static string ServiceOnPort(int port) => PlatformServices.All.Single(s => s.Port == port).Name;

    private async Task<string> LocalDatabaseAsync(string clusterConnectionString)
    {
        var connection = new DbConnectionStringBuilder { ConnectionString = clusterConnectionString };
        var database = (string)connection["Database"];
        if (_databases.Add(database))
        {
            await _postgres!.CreateDatabaseAsync(database);
        }
        return _postgres!.ConnectionString(database);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _running.Values.Reverse())
        {
            await process.DisposeAsync();
        }
        await Collector.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>An in-cluster or port-forwarded URL of a service: http://core-api:5200, http://localhost:5300...</summary>
    [GeneratedRegex(@"http://(?:identity|core-api|bff-web|bff-mobile|public-api|localhost):(\d{4})")]
    private static partial Regex ClusterUrl();
}
