namespace Kyodo.Deployment.Tests.Support;

/// <summary>
/// The overlays as `kubectl kustomize` renders them and docker-compose.yml as
/// `docker-compose config` resolves it with .env.example: rendered once per test run.
/// </summary>
public static class Rendered
{
    public static readonly string[] OverlayNames = ["dev", "prod"];
    public static TheoryData<string> Overlays => new(OverlayNames);

    /// <summary>Variables the machine may hold that compose would prefer over --env-file.</summary>
    public static readonly string[] ComposeVariables =
        ["POSTGRES_USER", "POSTGRES_PASSWORD", "RABBITMQ_DEFAULT_USER", "RABBITMQ_DEFAULT_PASS", "KYODO_TAG", "OTEL_EXPORTER_OTLP_ENDPOINT",
         "KYODO_AUTH_ISSUER", "KYODO_AUTH_AUDIENCE", "KYODO_AUTH_SIGNING_KEY", "KYODO_AUTH_AUTHORITY"];

    private static readonly Dictionary<string, Lazy<Manifest>> overlays = OverlayNames.ToDictionary(
        name => name,
        name => new Lazy<Manifest>(() => new Manifest(name,
            Yaml.LoadDocuments(Repo.RunOrThrow("kubectl", "kustomize", Repo.PathOf("k8s/overlays/" + name))))));

    private static readonly Lazy<JsonObject> compose = new(() => Yaml.LoadSingle(Repo.RunOrThrow(
        "docker-compose", ["-f", "docker-compose.yml", "--env-file", ".env.example", "config"], ComposeVariables)));

    public static Manifest Overlay(string name) => overlays[name].Value;

    public static JsonObject Compose => compose.Value;
}
