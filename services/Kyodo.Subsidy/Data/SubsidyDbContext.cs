using Kyodo.ServiceDefaults.Audit;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Data;

/// <summary>The subsidy service's database: programs, courses, applicants, applications, and the outbox.</summary>
public sealed class SubsidyDbContext(DbContextOptions<SubsidyDbContext> options) : DbContext(options)
{
    public DbSet<SubsidyProgram> Programs => Set<SubsidyProgram>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Applicant> Applicants => Set<Applicant>();
    public DbSet<Application> Applications => Set<Application>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(SubsidyDbContext).Assembly);
        model.AddOutbox();
        model.AddAuditTrail();
    }
}
