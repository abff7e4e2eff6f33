import { z } from 'zod';

export const AgentRoleSchema = z.enum(['agent', 'manager', 'admin']);
export type AgentRole = z.infer<typeof AgentRoleSchema>;

export const AgentSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  role: AgentRoleSchema,
});
export type Agent = z.infer<typeof AgentSchema>;
