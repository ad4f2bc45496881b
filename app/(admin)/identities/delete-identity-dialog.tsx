"use client";

import { useTranslations } from "next-intl";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteIdentityAction } from "./actions";

export function DeleteIdentityDialog({
  id,
  displayName,
  hasPortrait,
}: {
  id: string;
  displayName: string;
  hasPortrait: boolean;
}) {
  const t = useTranslations("identityDelete");
  return (
    <ConfirmDialog
      action={deleteIdentityAction}
      id={id}
      trigger={{ label: t("delete"), ariaLabel: t("deleteNamed", { name: displayName }) }}
      title={t("title", { name: displayName })}
      description={t(hasPortrait ? "descriptionWithPortrait" : "description")}
      confirm={{ label: t("confirm"), pending: t("deleting") }}
    />
  );
}
