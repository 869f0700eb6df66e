// The data of this page is read on the server: its skeleton shows meanwhile.
export { default } from "@/components/ui/page-loading";
