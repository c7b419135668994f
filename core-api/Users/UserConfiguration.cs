using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BffPlatform.CoreApi.Users;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public const int IdMaxLength = 200;
    public const int EmailMaxLength = 320;
    public const int NameMaxLength = 200;
    public const int RoleMaxLength = 32;

    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.HasKey(u => u.Id);
        user.Property(u => u.Id).HasMaxLength(IdMaxLength);
        user.Property(u => u.Email).HasMaxLength(EmailMaxLength);
        user.Property(u => u.Name).HasMaxLength(NameMaxLength);
        user.Property(u => u.Role).HasMaxLength(RoleMaxLength);
        user.HasIndex(u => u.Email);
    }
}
