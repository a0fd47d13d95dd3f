using Kyodo.Audit;
using Kyodo.ServiceDefaults.Data;
using Kyodo.Subsidy.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Subsidy.Data;

internal sealed class SubsidyProgramConfiguration : IEntityTypeConfiguration<SubsidyProgram>
{
    public void Configure(EntityTypeBuilder<SubsidyProgram> e)
    {
        e.ToTable("programs");
        e.AuditedAs("program"); // as the API names it
        e.HasKey(p => p.Id);
        e.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(p => p.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(p => p.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(p => p.Description).HasColumnName("description");
        e.Property(p => p.CreatedAt).HasColumnName("created_at");
        e.Property(p => p.Revision).HasColumnName("revision");
        e.Property(p => p.Version).IsRowVersionCounter();
        e.HasIndex(p => new { p.MunicipalityCode, p.Name }).IsUnique();
        e.HasMany(p => p.Courses).WithOne().HasForeignKey(c => c.ProgramId).OnDelete(DeleteBehavior.Cascade);
        e.OwnsMany(p => p.BudgetLines, l =>
        {
            l.ToTable("program_budget_lines");
            l.WithOwner().HasForeignKey(x => x.ProgramId);
            l.HasKey(x => new { x.ProgramId, x.FiscalYear });
            l.Property(x => x.ProgramId).HasColumnName("program_id");
            l.Property(x => x.FiscalYear).HasColumnName("fiscal_year").ValueGeneratedNever();
            l.Property(x => x.BudgetLineId).HasColumnName("budget_line_id");
        });
        e.OwnsMany(p => p.PrintedResults, r =>
        {
            r.ToTable("program_printed_results");
            r.WithOwner().HasForeignKey(x => x.ProgramId);
            r.HasKey(x => new { x.ProgramId, x.FiscalYear, x.Course });
            r.Property(x => x.ProgramId).HasColumnName("program_id");
            r.Property(x => x.FiscalYear).HasColumnName("fiscal_year").ValueGeneratedNever();
            r.Property(x => x.Course).HasColumnName("course").HasMaxLength(100);
            r.Property(x => x.ApplicationsPrinted).HasColumnName("applications_printed");
            r.Property(x => x.Note).HasColumnName("note");
        });
        // Always read with the program (owned collections are anyway), each by a query of its own:
        // SubsidyDbContext reads split, so the three do not multiply.
        e.Navigation(p => p.Courses).AutoInclude();
        e.Navigation(p => p.BudgetLines).AutoInclude();
        e.Navigation(p => p.PrintedResults).AutoInclude();
    }
}

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> e)
    {
        // 0: the program prints no cap (seed 002 わがまち魅力アップ応援事業); the budget line is then the only limit.
        e.ToTable("courses", t => t.HasCheckConstraint("ck_courses_cap", "cap_yen >= 0"));
        e.HasKey(c => c.Id);
        e.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(c => c.ProgramId).HasColumnName("program_id");
        e.Property(c => c.Name).HasColumnName("name").HasMaxLength(100);
        e.Property(c => c.CapYen).HasColumnName("cap_yen");
        e.Property(c => c.OncePerApplicant).HasColumnName("once_per_applicant");
        e.Property(c => c.RoundsPerYear).HasColumnName("rounds_per_year");
        e.Property(c => c.AcceptsNewProjects).HasColumnName("accepts_new_projects");
        e.Property(c => c.AcceptsContinuingProjects).HasColumnName("accepts_continuing_projects");
        e.Property(c => c.EligibilityNotes).HasColumnName("eligibility_notes");
        e.Property(c => c.Version).IsRowVersionCounter();
        e.HasIndex(c => new { c.ProgramId, c.Name }).IsUnique();
    }
}

internal sealed class ApplicantConfiguration : IEntityTypeConfiguration<Applicant>
{
    public void Configure(EntityTypeBuilder<Applicant> e)
    {
        e.ToTable("applicants");
        e.HasKey(a => a.Id);
        e.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(a => a.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(a => a.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(a => a.Kind).HasColumnName("kind").HasMaxLength(50);
        e.Property(a => a.RegisteredAt).HasColumnName("registered_at");
        e.HasIndex(a => new { a.MunicipalityCode, a.Name }).IsUnique();
    }
}

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> e)
    {
        e.ToTable("applications", t => t.HasCheckConstraint("ck_applications_amounts",
            // An amount asked for may be unknown (recorded from a document that prints none); a known one bounds the award.
            "(requested_yen IS NULL OR (requested_yen > 0 AND awarded_yen <= requested_yen)) AND awarded_yen >= 0 AND settled_yen >= 0 AND "
            + "settled_yen <= awarded_yen"));
        e.HasKey(a => a.Id);
        e.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(a => a.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(a => a.ProgramId).HasColumnName("program_id");
        e.Property(a => a.CourseId).HasColumnName("course_id");
        e.Property(a => a.FiscalYear).HasColumnName("fiscal_year");
        e.Property(a => a.Round).HasColumnName("round");
        e.Property(a => a.ApplicantId).HasColumnName("applicant_id");
        e.Property(a => a.ProjectTitle).HasColumnName("project_title").HasMaxLength(300);
        e.Property(a => a.ProjectKind).HasColumnName("project_kind");
        e.Property(a => a.RequestedYen).HasColumnName("requested_yen");
        e.Property(a => a.AwardedYen).HasColumnName("awarded_yen");
        e.Property(a => a.SettledYen).HasColumnName("settled_yen");
        e.Property(a => a.Status).HasColumnName("status");
        e.Property(a => a.ReservationId).HasColumnName("reservation_id");
        e.Property(a => a.Version).IsRowVersionCounter();
        e.Ignore(a => a.HoldsAward);
        e.HasIndex(a => new { a.MunicipalityCode, a.ProgramId, a.FiscalYear });
        e.HasIndex(a => new { a.CourseId, a.ApplicantId });
        e.HasOne<Course>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SubsidyProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Applicant>().WithMany().HasForeignKey(a => a.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        e.OwnsMany(a => a.Transitions, t =>
        {
            t.ToTable("application_transitions");
            t.WithOwner().HasForeignKey(x => x.ApplicationId);
            t.HasKey(x => x.Id);
            t.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            t.Property(x => x.ApplicationId).HasColumnName("application_id");
            t.Property(x => x.Sequence).HasColumnName("sequence");
            t.Property(x => x.From).HasColumnName("from_status");
            t.Property(x => x.To).HasColumnName("to_status");
            t.Property(x => x.By).HasColumnName("by").HasMaxLength(200);
            t.Property(x => x.At).HasColumnName("at");
            t.Property(x => x.Comment).HasColumnName("comment");
        });
        e.Navigation(a => a.Transitions).AutoInclude();
    }
}
