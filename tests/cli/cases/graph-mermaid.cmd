graph -t eu-cert-trustworthy-ai --have eu-ml --format mermaid
