import Link from "next/link";
import { buttonClass } from "./button-class";

/**
 * A filter form's buttons: apply the filters, and while the list is filtered a link back to all of
 * it. Secondary in weight: a list page's main action is elsewhere (Add identity, Export CSV).
 */
export function FilterButtons({
  submit,
  clear,
}: {
  submit: string;
  clear?: { href: string; label: string };
}) {
  return (
    <>
      <button type="submit" className={buttonClass("secondary")}>
        {submit}
      </button>
      {clear && (
        <Link href={clear.href} className={buttonClass("ghost")}>
          {clear.label}
        </Link>
      )}
    </>
  );
}
