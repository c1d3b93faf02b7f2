{{- define "ldai-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "ldai-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "ldai-operator.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "ldai-operator.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "ldai-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ldai-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "ldai-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "ldai-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "ldai-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ldai-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "ldai-operator.leaseName" -}}
{{- default (include "ldai-operator.fullname" .) .Values.leaderElection.leaseName }}
{{- end }}

{{- /* The Secret holding the operator-wide token: the one named, or the one the chart creates. */ -}}
{{- define "ldai-operator.tokenSecretName" -}}
{{- if and .Values.launchdarkly.token.existingSecret .Values.launchdarkly.token.value }}
{{- fail "set either launchdarkly.token.existingSecret or launchdarkly.token.value, not both" }}
{{- end }}
{{- if .Values.launchdarkly.token.existingSecret }}
{{- .Values.launchdarkly.token.existingSecret }}
{{- else if .Values.launchdarkly.token.value }}
{{- printf "%s-token" (include "ldai-operator.fullname" .) }}
{{- end }}
{{- end }}

{{- /* The rules the operator needs wherever it watches resources. */ -}}
{{- define "ldai-operator.watchRules" -}}
- apiGroups: ["ldai.dev"]
  resources: ["aiconfigs", "aiconfigvariations", "aimodelconfigs", "aiconfigtargetings", "aitools", "promptsnippets",
              "aiagentgraphs"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["ldai.dev"]
  resources: ["aiconfigs/status", "aiconfigvariations/status", "aimodelconfigs/status", "aiconfigtargetings/status",
              "aitools/status", "promptsnippets/status", "aiagentgraphs/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["ldai.dev"]
  resources: ["aiconfigs/finalizers", "aiconfigvariations/finalizers", "aimodelconfigs/finalizers", "aiconfigtargetings/finalizers",
              "aitools/finalizers", "promptsnippets/finalizers", "aiagentgraphs/finalizers"]
  verbs: ["update"]
# Credentials are read with a GET; list/watch serve the informer on Secrets labelled ldai.dev/credentials
# (resources refused for bad credentials retry as soon as such a Secret changes). RBAC cannot restrict
# list/watch to a label, the informer's label selector does.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
# Events are recorded as events.k8s.io/v1 Events, each created once (never patched into a series).
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create"]
{{- end }}
