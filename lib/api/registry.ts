import { z } from "zod";

/**
 * Named schemas that become `components.schemas` in the OpenAPI document. Request bodies are
 * described as the handler accepts them (zod input), responses as it produces them (zod output),
 * hence two registries converted separately.
 */
export const requestComponents = z.registry<{ id: string }>();
export const responseComponents = z.registry<{ id: string }>();
const ids = new Set<string>();

function register<S extends z.ZodType>(registry: typeof requestComponents, id: string, schema: S): S {
  if (ids.has(id)) throw new Error(`API component ${id} is registered twice`);
  ids.add(id);
  registry.add(schema, { id });
  return schema;
}

export const requestComponent = <S extends z.ZodType>(id: string, schema: S) =>
  register(requestComponents, id, schema);
export const responseComponent = <S extends z.ZodType>(id: string, schema: S) =>
  register(responseComponents, id, schema);

export function componentId(schema: z.ZodType): string {
  const meta = requestComponents.get(schema) ?? responseComponents.get(schema);
  if (!meta)
    throw new Error(
      "API bodies and responses must be registered components (requestComponent/responseComponent)",
    );
  return meta.id;
}
