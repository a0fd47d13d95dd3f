using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Kyodo.Common.V1;
using Kyodo.Plan.Data;

namespace Kyodo.Plan.Grpc;

/// <summary>Domain → response messages.</summary>
internal static class PlanMessages
{
    public static V1.Plan ToMessage(this Domain.Plan plan) => new()
    {
        Id = plan.Id.ToString(),
        MunicipalityCode = plan.MunicipalityCode,
        Name = plan.Name,
        StartFiscalYear = plan.StartFiscalYear,
        EndFiscalYear = plan.EndFiscalYear,
        Version = plan.Version,
        CreatedAt = Timestamp.FromDateTimeOffset(plan.CreatedAt),
        Revision = plan.Revision,
    };

    public static V1.PlanNode ToMessage(this Domain.PlanNode node, NodePaths paths) => new()
    {
        Id = node.Id.ToString(),
        PlanId = node.PlanId.ToString(),
        ParentId = node.ParentId?.ToString() ?? "",
        LevelName = node.LevelName,
        Code = node.Code,
        Title = node.Title,
        Position = node.Position,
        Depth = paths.Depth(node.Id),
        Version = node.Version,
        Revision = node.Revision,
    };

    public static DepartmentRef ToMessage(this Domain.Department department) => new()
    {
        MunicipalityCode = department.MunicipalityCode,
        Id = department.Id.ToString(),
        Name = department.Name,
    };

    public static V1.Item ToMessage(this Domain.Item item, IReadOnlyDictionary<Guid, Domain.Department> departments, NodePaths paths)
    {
        // A department deleted concurrently with this item's write shows as unnamed rather than failing the read.
        var inCharge = item.DepartmentIds.Select(
            id => departments.GetValueOrDefault(id) ?? new Domain.Department(id, item.MunicipalityCode, "")).ToList();
        var fields = new V1.ItemFields
        {
            Title = item.Title,
            Novelty = (V1.ItemNovelty)item.Novelty,
            TargetOther = item.TargetOther,
            Purpose = item.Purpose,
            CurrentState = item.CurrentState,
            Content = item.Content,
            CompletionCriterion = item.CompletionCriterion,
            ExpectedEffects = item.ExpectedEffects,
            Rank = item is { Rank: { } rank, RankOf: { } of } ? new V1.RankWithinMeasure { Rank = rank, Of = of } : null,
            MayoralPledge = (V1.MayoralPledge)item.MayoralPledge,
            SpecialNotes = item.SpecialNotes,
        };
        fields.Departments.AddRange(inCharge.Select(d => d.Name));
        fields.ImplementingBodies.AddRange(item.ImplementingBodies);
        fields.TargetStakeholders.AddRange(item.TargetStakeholders.Select(s => (V1.Stakeholder)s));
        fields.LinkedPlans.AddRange(item.LinkedPlans);
        fields.YearlyGoals.AddRange(item.YearlyGoals.OrderBy(g => g.FiscalYear)
            .Select(g => new V1.YearlyGoalInput { FiscalYear = g.FiscalYear.ToString(CultureInfo.InvariantCulture), Text = g.Text }));

        var message = new V1.Item
        {
            Id = item.Id.ToString(),
            PlanId = item.PlanId.ToString(),
            MunicipalityCode = item.MunicipalityCode,
            Fields = fields,
            Version = item.Version,
            CreatedAt = Timestamp.FromDateTimeOffset(item.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(item.UpdatedAt),
            Revision = item.Revision,
        };
        message.Departments.AddRange(inCharge.Select(d => d.ToMessage()));
        message.Placements.AddRange(item.Placements.OrderByDescending(p => p.IsPrimary)
            .ThenBy(p => paths.Reference(p.NodeId, p.Code), StringComparer.Ordinal)
            .Select(p => new V1.Placement
            {
                NodeId = p.NodeId.ToString(), Code = p.Code, Primary = p.IsPrimary,
                Reference = paths.Reference(p.NodeId, p.Code)
            }));
        message.Schedule.AddRange(item.Schedule.GroupBy(c => (c.Row, c.RowLabel)).OrderBy(g => g.Key.Row).Select(row =>
        {
            var r = new V1.ScheduleRow { Label = row.Key.RowLabel, Row = row.Key.Row };
            r.Cells.AddRange(row.OrderBy(c => c.FiscalYear).Select(c =>
            {
                var cell = new V1.ScheduleCell { FiscalYear = c.FiscalYear };
                cell.Stages.AddRange(c.Stages);
                return cell;
            }));
            return r;
        }));
        message.Indicators.AddRange(item.Indicators.OrderBy(i => i.Position).Select(i => i.ToMessage()));
        message.YearlyGoals.AddRange(
            item.YearlyGoals.OrderBy(g => g.FiscalYear).Select(g => new V1.YearlyGoal { FiscalYear = g.FiscalYear, Text = g.Text }));
        return message;
    }

    public static V1.Indicator ToMessage(this Domain.Indicator indicator)
    {
        var message = new V1.Indicator
        {
            Id = indicator.Id.ToString(),
            ItemId = indicator.ItemId.ToString(),
            Kind = (V1.IndicatorKind)indicator.Kind,
            Name = indicator.Name,
            Unit = indicator.Unit,
            Direction = (V1.IndicatorDirection)indicator.Direction,
            BaselineValue = Text(indicator.BaselineValue),
            BaselineFiscalYear = indicator.BaselineFiscalYear ?? 0,
            Position = indicator.Position,
        };
        message.Targets.AddRange(indicator.Targets.OrderBy(t => t.FiscalYear)
            .Select(t => new V1.YearValue { FiscalYear = t.FiscalYear, Value = Text(t.Value) }));
        message.Actuals.AddRange(indicator.Actuals.OrderBy(a => a.FiscalYear).Select(a => new V1.YearValue
        {
            FiscalYear = a.FiscalYear,
            Value = Text(a.Value),
            Note = a.Note,
            RecordedBy = a.RecordedBy,
            RecordedAt = Timestamp.FromDateTimeOffset(a.RecordedAt),
            ApprovedBy = a.ApprovedBy,
            ApprovedAt = a.ApprovedBy.Length > 0 ? Timestamp.FromDateTimeOffset(a.ApprovedAt) : null,
        }));
        message.ActualEntries.AddRange(indicator.Entries.Where(e => e.IsPending).OrderBy(e => e.FiscalYear).Select(e => new V1.ActualEntry
        {
            FiscalYear = e.FiscalYear,
            Value = Text(e.Value),
            Note = e.Note,
            EnteredBy = e.EnteredBy,
            EnteredAt = Timestamp.FromDateTimeOffset(e.EnteredAt),
            Review = e.Review.ToMessage(),
        }));
        message.Revisions.AddRange(indicator.Revisions.OrderBy(r => r.RevisedAt).Select(r => new V1.TargetRevision
        {
            FiscalYear = r.FiscalYear,
            PreviousValue = Text(r.PreviousValue),
            NewValue = Text(r.NewValue),
            Reason = r.Reason,
            RevisedBy = r.RevisedBy,
            RevisedAt = Timestamp.FromDateTimeOffset(r.RevisedAt),
        }));
        return message;
    }

    public static V1.PriorityGoal ToMessage(this Domain.PriorityGoal goal, Domain.Department department)
    {
        var message = new V1.PriorityGoal
        {
            Id = goal.Id.ToString(),
            MunicipalityCode = goal.MunicipalityCode,
            Department = department.ToMessage(),
            FiscalYear = goal.FiscalYear,
            Position = goal.Position,
            Title = goal.Title,
            Description = goal.Description,
            Version = goal.Version,
            Revision = goal.Revision,
        };
        message.Items.AddRange(goal.Items.OrderBy(i => i.Position).Select(i => new V1.PriorityGoalItem
        {
            Number = i.Number,
            Text = i.Text,
            Target = i.Target,
            Achievement = i.Achievement,
        }));
        return message;
    }

    public static V1.ReviewSteps ToMessage(this Domain.Review review) => new()
    {
        Status = (V1.ReviewStatus)review.Status,
        SubmittedBy = review.SubmittedBy,
        SubmittedAt = review.SubmittedAt is { } submitted ? Timestamp.FromDateTimeOffset(submitted) : null,
        ReviewedBy = review.ReviewedBy,
        ReviewedAt = review.ReviewedAt is { } reviewed ? Timestamp.FromDateTimeOffset(reviewed) : null,
        Comment = review.Comment,
    };

    /// <summary>Decimals travel as invariant text without trailing zeros: 300, 98.5.</summary>
    public static string Text(decimal? value) =>
        value is { } v ? (v / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : "";
}
