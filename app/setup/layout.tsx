// The sign-in and setup forms are client components that read the console's messages.
export { default } from "@/components/i18n/messages-layout";
