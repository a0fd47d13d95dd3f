namespace Kyodo.Deployment.Tests;

/// <summary>
/// The dev overlay dumps each service database nightly to a volume and keeps a configurable number
/// of days (docs/operations.md, "Backups and restores"); prod leaves backups to its PostgreSQL service.
/// </summary>
public class BackupCronJobTests
{
    [Fact]
    public void DevDumpsEachServiceDatabaseWithACronJobOfItsOwnToTheBackupVolume()
    {
        var dev = Rendered.Overlay("dev");
        var cronJobs = dev.Workloads.Where(w => w.Kind == "CronJob").ToList();
        var dumped = new List<string>();
        foreach (var job in cronJobs)
        {
            var container = job.MainContainer;
            var env = container.Objects("env").ToDictionary(e => e.Str("name")!, e => e);
            Assert.True(env.ContainsKey("PGDATABASE"), $"{job}: no PGDATABASE");
            dumped.Add(env["PGDATABASE"].Str("value")!);
            Assert.Contains("pg_dump -Fc", string.Join("\n", container.Strings("command")));
            Assert.Equal("Forbid", job.Object.Str("spec", "concurrencyPolicy"));
            Assert.NotNull(job.Object.Str("spec", "schedule"));

            // Credentials from the Secret the services log in with, never written into the CronJob.
            Assert.Equal(Manifest.InfrastructureSecret, Manifest.BaseName(env["PGPASSWORD"].Str("valueFrom", "secretKeyRef", "name")!));
            Assert.Null(env["PGPASSWORD"].At("value"));

            var mount = Assert.Single(container.Objects("volumeMounts"));
            Assert.Equal("/backups", mount.Str("mountPath"));
            var volume = Assert.Single(job.PodSpec.Objects("volumes"), v => v.Str("name") == mount.Str("name"));
            var claim = volume.Str("persistentVolumeClaim", "claimName");
            Assert.True(claim is not null && dev.Find("PersistentVolumeClaim", claim) is not null,
                $"{job}: its volume is no rendered PersistentVolumeClaim");
        }
        Assert.Equal(Apps.Services.Select(a => a.Database!).Order(), dumped.Order());
    }

    [Fact]
    public void DevKeepsDumpsForTheDaysItsConfigMapSays()
    {
        var dev = Rendered.Overlay("dev");
        var settings = dev.OfKind("ConfigMap").Single(c => Manifest.BaseName(c.Str("metadata", "name")!) == "postgres-backup");
        Assert.True(int.TryParse(settings.Str("data", "BACKUP_RETENTION_DAYS"), out var days) && days > 0);
        foreach (var job in dev.Workloads.Where(w => w.Kind == "CronJob"))
        {
            Assert.Contains(job.MainContainer.Objects("envFrom"), e => e.Str("configMapRef", "name") == settings.Str("metadata", "name"));
            Assert.Contains("-mtime +\"$BACKUP_RETENTION_DAYS\" -print -delete", string.Join("\n", job.MainContainer.Strings("command")));
        }
    }

    [Fact]
    public void ProdHasNoBackupCronJobsSinceItsPostgreSqlServiceArchivesContinuously()
    {
        Assert.DoesNotContain(Rendered.Overlay("prod").Workloads, w => w.Kind == "CronJob");
    }
}
