using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Messaging;

public static class MessagingModelBuilderExtensions
{
    /// <summary>Maps the outbox_messages table. Call from OnModelCreating of a service that publishes.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Sequence);
            e.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            e.Property(m => m.MessageId).HasColumnName("message_id");
            e.HasIndex(m => m.MessageId).IsUnique();
            e.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(300);
            e.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            e.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            e.Property(m => m.SentAt).HasColumnName("sent_at");
            e.Property(m => m.DeadLetteredAt).HasColumnName("dead_lettered_at");
            e.Property(m => m.Attempts).HasColumnName("attempts");
            e.Property(m => m.LastError).HasColumnName("last_error");
            e.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(OutboxTracing.TraceParentLength);
            // The relay only ever looks for unsent rows in order.
            e.HasIndex(m => m.Sequence).HasFilter("sent_at IS NULL AND dead_lettered_at IS NULL")
                .HasDatabaseName("ix_outbox_messages_unsent");
        });
        model.Entity<OutboxPruneMark>(e =>
        {
            e.ToTable("outbox_pruned", t => t.HasCheckConstraint("ck_outbox_pruned_one_row", "id = 1"));
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(m => m.PrunedThrough).HasColumnName("pruned_through");
            e.Property(m => m.PrunedAt).HasColumnName("pruned_at");
        });
        return model;
    }

    /// <summary>Maps the inbox_messages table. Call from OnModelCreating of a service that consumes.</summary>
    public static ModelBuilder AddInbox(this ModelBuilder model)
    {
        model.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox_messages");
            e.HasKey(m => new { m.MessageId, m.Consumer });
            e.Property(m => m.MessageId).HasColumnName("message_id");
            e.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            e.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(300);
            e.Property(m => m.ReceivedAt).HasColumnName("received_at");
            // For pruning by age (InboxPruning). Rows arrive in time order, so a block range index
            // finds the old ones at a few pages' cost, where a B-tree would add an entry to every claim.
            e.HasIndex(m => m.ReceivedAt).HasMethod("brin");
        });
        return model;
    }
}
