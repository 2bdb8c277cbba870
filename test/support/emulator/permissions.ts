import type { APIOverwrite, APIRole } from 'discord.js';

/** The permission bits the fixtures and checks use (values from Discord's permission table). */
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewAuditLog: 1n << 7n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ManageRoles: 1n << 28n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
  ModerateMembers: 1n << 40n,
} as const;

/** Every bit Discord currently defines; administrators and owners get all of them. */
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

export function combine(...bits: bigint[]): bigint {
  return bits.reduce((acc, bit) => acc | bit, 0n);
}

export interface PermissionSubject {
  userId: string;
  roleIds: readonly string[];
}

export interface PermissionContext {
  guildId: string;
  ownerId: string;
  roles: readonly APIRole[];
}

/** Guild-level permissions: @everyone plus every role the member has, as Discord computes them. */
export function basePermissions(ctx: PermissionContext, who: PermissionSubject): bigint {
  if (who.userId === ctx.ownerId) return ALL_PERMISSIONS;
  let perms = 0n;
  for (const role of ctx.roles) {
    if (role.id === ctx.guildId || who.roleIds.includes(role.id)) perms |= BigInt(role.permissions);
  }
  return perms & Permission.Administrator ? ALL_PERMISSIONS : perms;
}

/** Applies channel overwrites in Discord's order: @everyone, then roles (deny before allow), then the member. */
export function channelPermissions(
  ctx: PermissionContext,
  who: PermissionSubject,
  overwrites: readonly APIOverwrite[] = [],
): bigint {
  const base = basePermissions(ctx, who);
  if (base & Permission.Administrator) return ALL_PERMISSIONS;
  let perms = base;
  const everyone = overwrites.find((o) => o.id === ctx.guildId);
  if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let roleDeny = 0n;
  let roleAllow = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && o.id !== ctx.guildId && who.roleIds.includes(o.id)) {
      roleDeny |= BigInt(o.deny);
      roleAllow |= BigInt(o.allow);
    }
  }
  perms = (perms & ~roleDeny) | roleAllow;
  const member = overwrites.find((o) => o.type === 1 && o.id === who.userId);
  if (member) perms = (perms & ~BigInt(member.deny)) | BigInt(member.allow);
  // Without View Channel nothing else in the channel is usable.
  return perms & Permission.ViewChannel ? perms : 0n;
}
