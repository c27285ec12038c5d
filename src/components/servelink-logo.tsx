export function ServelinkLogo({ className = "size-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden className={className}>
      <rect width="32" height="32" rx="8" className="fill-primary" />
      <path d="M9 12.5h14M9 19.5h14" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
      <circle cx="12" cy="12.5" r="2" fill="white" />
      <circle cx="20" cy="19.5" r="2" fill="white" />
    </svg>
  );
}
