{{/*
Names and labels as `helm create` makes them: the chart name, the full name (release + chart, 63 characters at
most) and the app.kubernetes.io/* labels, with a component label per workload.
*/}}
{{- define "kafka-restaurants.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "kafka-restaurants.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The name of one component's resources: <fullname>-<component>, 63 characters at most. */}}
{{- define "kafka-restaurants.componentName" -}}
{{- printf "%s-%s" (include "kafka-restaurants.fullname" .ctx) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "kafka-restaurants.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels of one component. Call with (dict "ctx" $ "component" "api"). */}}
{{- define "kafka-restaurants.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kafka-restaurants.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Standard labels of one component. Call with (dict "ctx" $ "component" "api"). */}}
{{- define "kafka-restaurants.labels" -}}
helm.sh/chart: {{ include "kafka-restaurants.chart" .ctx }}
{{ include "kafka-restaurants.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: kafka-restaurants
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
{{- end }}

{{/* Labels every pod of the release carries: what the release-wide NetworkPolicies select. */}}
{{- define "kafka-restaurants.releaseSelector" -}}
app.kubernetes.io/name: {{ include "kafka-restaurants.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "kafka-restaurants.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "kafka-restaurants.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* An image reference; an empty tag means the chart's appVersion, a digest pins the image (repository:tag@digest).
Call with (dict "ctx" $ "image" .Values.x.image). */}}
{{- define "kafka-restaurants.image" -}}
{{- printf "%s:%s" .image.repository (default .ctx.Chart.AppVersion (toString .image.tag)) }}
{{- with .image.digest }}@{{ . }}{{ end }}
{{- end }}

{{/* The pod security context: the shared hardened one plus the image's user. Call with (dict "ctx" $ "user" 1000). */}}
{{- define "kafka-restaurants.podSecurityContext" -}}
{{- $user := dict "runAsUser" (int .user) "runAsGroup" (int .user) "fsGroup" (int .user) }}
{{- toYaml (merge $user (deepCopy .ctx.Values.podSecurityContext)) }}
{{- end }}

{{/* Pod settings every workload shares: service account, no API token, pull secrets. */}}
{{- define "kafka-restaurants.podCommon" -}}
serviceAccountName: {{ include "kafka-restaurants.serviceAccountName" . }}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Extra environment variables from a name: value map. */}}
{{- define "kafka-restaurants.extraEnv" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/* The card key ring's environment (CARD_KEYS, CARD_ACTIVE_KEY_ID): from the operator's Secret, the active id then
from values; or both from the chart's Secret (card-key-secret.yaml). */}}
{{- define "kafka-restaurants.cardKeyEnv" -}}
{{- if .Values.cardKey.existingSecret }}
- name: CARD_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ .Values.cardKey.existingSecret }}
      key: {{ .Values.cardKey.existingSecretKey }}
- name: CARD_ACTIVE_KEY_ID
  value: {{ required "cardKey.activeKeyId is required with cardKey.existingSecret: the id of the key that seals new orders" .Values.cardKey.activeKeyId | quote }}
{{- else }}
{{- $chartSecret := include "kafka-restaurants.componentName" (dict "ctx" . "component" "card-key") }}
- name: CARD_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ $chartSecret }}
      key: card-keys
- name: CARD_ACTIVE_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ $chartSecret }}
      key: active-key-id
{{- end }}
{{- end }}

{{/* Kafka security.protocol from kafka.tls and kafka.auth. */}}
{{- define "kafka-restaurants.kafkaSecurityProtocol" -}}
{{- $k := .Values.kafka }}
{{- if eq $k.auth.type "scram-sha-512" }}
{{- ternary "SASL_SSL" "SASL_PLAINTEXT" $k.tls.enabled }}
{{- else if eq $k.auth.type "tls" }}
{{- if not $k.tls.enabled }}
{{- fail "kafka.auth.type tls needs kafka.tls.enabled: true" }}
{{- end }}
{{- print "SSL" }}
{{- else }}
{{- ternary "SSL" "PLAINTEXT" $k.tls.enabled }}
{{- end }}
{{- end }}

{{/*
The Kafka client settings of one role, as environment variables: bootstrap servers, topics, groups, and the
security settings for both clients the application has: Camel's Kafka component (the routes) and Spring Kafka
(KafkaAdmin, which creates absent topics). Call with (dict "ctx" $ "component" "api").
*/}}
{{- define "kafka-restaurants.kafkaEnv" -}}
{{- $k := .ctx.Values.kafka }}
{{- $protocol := include "kafka-restaurants.kafkaSecurityProtocol" .ctx }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ $k.bootstrapServers | quote }}
- name: TOPIC_ORDER
  value: {{ $k.topics.order | quote }}
- name: TOPIC_ORDER_CONFIRM
  value: {{ $k.topics.orderConfirm | quote }}
- name: TOPIC_ORDER_DECLINED
  value: {{ $k.topics.orderDeclined | quote }}
- name: TOPIC_ORDER_STATUS
  value: {{ $k.topics.orderStatus | quote }}
- name: TOPIC_DEAD_LETTER_SUFFIX
  value: {{ $k.topics.deadLetterSuffix | quote }}
- name: TOPIC_TRANSACTIONS_PROCESSED
  value: {{ $k.topics.transactionsProcessed | quote }}
- name: TOPIC_EMAIL_SENT
  value: {{ $k.topics.emailSent | quote }}
- name: TOPIC_RESTAURANT_POPULARITY
  value: {{ $k.topics.restaurantPopularity | quote }}
- name: TOPIC_PARTITIONS
  value: {{ $k.topics.partitions | quote }}
- name: TOPIC_REPLICATION_FACTOR
  value: {{ $k.topics.replicationFactor | quote }}
- name: GROUP_TRANSACTIONS
  value: {{ $k.groups.transactions | quote }}
- name: GROUP_EMAIL
  value: {{ $k.groups.email | quote }}
- name: GROUP_POPULARITY
  value: {{ $k.groups.popularity | quote }}
- name: SPRING_KAFKA_ADMIN_AUTOCREATE
  value: {{ $k.createTopics | quote }}
- name: CAMEL_COMPONENT_KAFKA_SECURITYPROTOCOL
  value: {{ $protocol }}
- name: SPRING_KAFKA_SECURITY_PROTOCOL
  value: {{ $protocol }}
{{- if $k.tls.enabled }}
- name: CAMEL_COMPONENT_KAFKA_SSLTRUSTSTORETYPE
  value: PEM
- name: CAMEL_COMPONENT_KAFKA_SSLTRUSTSTORELOCATION
  value: /etc/kafka-restaurants/kafka-ca/{{ $k.tls.caCertKey }}
- name: SPRING_KAFKA_SSL_TRUSTSTORETYPE
  value: PEM
- name: SPRING_KAFKA_SSL_TRUSTSTORELOCATION
  value: file:/etc/kafka-restaurants/kafka-ca/{{ $k.tls.caCertKey }}
{{- end }}
{{- if eq $k.auth.type "scram-sha-512" }}
{{- $secret := required (printf "kafka.auth.userSecrets.%s is required" .component) (get $k.auth.userSecrets .component) }}
{{- /* The KafkaUser's name (Strimzi names its Secret after it): the app takes its credentials from sasl.jaas.config,
KEDA's TriggerAuthentication (keda.yaml) takes the user name from here. */}}
- name: KAFKA_USER
  value: {{ $secret | quote }}
- name: CAMEL_COMPONENT_KAFKA_SASLMECHANISM
  value: SCRAM-SHA-512
- name: CAMEL_COMPONENT_KAFKA_SASLJAASCONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: sasl.jaas.config
- name: SPRING_KAFKA_PROPERTIES_SASL_MECHANISM
  value: SCRAM-SHA-512
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: sasl.jaas.config
{{- else if eq $k.auth.type "tls" }}
{{- $secret := required (printf "kafka.auth.userSecrets.%s is required" .component) (get $k.auth.userSecrets .component) }}
- name: CAMEL_COMPONENT_KAFKA_SSLKEYSTORETYPE
  value: PKCS12
- name: CAMEL_COMPONENT_KAFKA_SSLKEYSTORELOCATION
  value: /etc/kafka-restaurants/kafka-user/user.p12
- name: CAMEL_COMPONENT_KAFKA_SSLKEYSTOREPASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: user.password
- name: SPRING_KAFKA_SSL_KEYSTORETYPE
  value: PKCS12
- name: SPRING_KAFKA_SSL_KEYSTORELOCATION
  value: file:/etc/kafka-restaurants/kafka-user/user.p12
- name: SPRING_KAFKA_SSL_KEYSTOREPASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: user.password
{{- end }}
{{- end }}

{{/* The bootstrap servers as something outside the release's namespace reaches them (KEDA's operator runs in its own):
a host without a dot, a Service of this namespace, gets the namespace's name. */}}
{{- define "kafka-restaurants.clusterBootstrapServers" -}}
{{- $servers := list }}
{{- range splitList "," .Values.kafka.bootstrapServers }}
{{- $host := regexReplaceAll ":[0-9]+$" . "" }}
{{- $port := trimPrefix $host . }}
{{- if contains "." $host }}
{{- $servers = append $servers . }}
{{- else }}
{{- $servers = append $servers (printf "%s.%s.svc%s" $host $.Release.Namespace $port) }}
{{- end }}
{{- end }}
{{- join "," $servers }}
{{- end }}

{{/* Volumes for the Kafka CA and the role's client certificate. Call with (dict "ctx" $ "component" "api"). */}}
{{- define "kafka-restaurants.kafkaVolumes" -}}
{{- $k := .ctx.Values.kafka }}
{{- if $k.tls.enabled }}
- name: kafka-ca
  secret:
    secretName: {{ $k.tls.caSecret }}
    items:
      - key: {{ $k.tls.caCertKey }}
        path: {{ $k.tls.caCertKey }}
{{- end }}
{{- if eq $k.auth.type "tls" }}
- name: kafka-user
  secret:
    secretName: {{ get $k.auth.userSecrets .component }}
    items:
      - key: user.p12
        path: user.p12
{{- end }}
{{- end }}

{{- define "kafka-restaurants.kafkaVolumeMounts" -}}
{{- $k := .ctx.Values.kafka }}
{{- if $k.tls.enabled }}
- name: kafka-ca
  mountPath: /etc/kafka-restaurants/kafka-ca
  readOnly: true
{{- end }}
{{- if eq $k.auth.type "tls" }}
- name: kafka-user
  mountPath: /etc/kafka-restaurants/kafka-user
  readOnly: true
{{- end }}
{{- end }}

{{/* The egress rule to the Kafka brokers (a NetworkPolicyEgressRule list item). */}}
{{- define "kafka-restaurants.kafkaEgressRule" -}}
- to:
    {{- toYaml .Values.kafka.networkPolicyPeers | nindent 4 }}
  ports:
    {{- range .Values.kafka.networkPolicyPorts }}
    - protocol: TCP
      port: {{ . }}
    {{- end }}
{{- end }}

{{/* The address of the bank the transactions role calls. */}}
{{- define "kafka-restaurants.bankUrl" -}}
{{- if .Values.bank.mock.enabled }}
{{- printf "http://%s:8080" (include "kafka-restaurants.componentName" (dict "ctx" . "component" "bank-mock")) }}
{{- else }}
{{- required "bank.url is required when bank.mock.enabled is false" .Values.bank.url }}
{{- end }}
{{- end }}

{{/* The SMTP host the email role sends to. */}}
{{- define "kafka-restaurants.smtpHost" -}}
{{- if .Values.smtp.mock.enabled }}
{{- include "kafka-restaurants.componentName" (dict "ctx" . "component" "maildev") }}
{{- else }}
{{- required "smtp.host is required when smtp.mock.enabled is false" .Values.smtp.host }}
{{- end }}
{{- end }}

{{- define "kafka-restaurants.smtpPort" -}}
{{- if .Values.smtp.mock.enabled }}1025{{ else }}{{ .Values.smtp.port }}{{ end }}
{{- end }}

{{/*
The order-flow page's test orders (api role): on only with the bank mock, paid with its approved and declined cards,
whose one home is the mock's mappings (files/bank/mappings -> mocks/bank/mappings, NN-card-<number>-<behaviour>.json).
*/}}
{{- define "kafka-restaurants.flowTestOrdersEnv" -}}
{{- $on := and .Values.routes.api.flow.testOrders.enabled .Values.bank.mock.enabled -}}
- name: FLOW_TEST_ORDERS_ENABLED
  value: {{ $on | quote }}
{{- if $on }}
{{- range $behaviour := list "approved" "declined" }}
{{- $card := "" }}
{{- range $path, $_ := $.Files.Glob "files/bank/mappings/*.json" }}
{{- $name := base $path }}
{{- if and (not $card) (regexMatch (printf "^[0-9]+-card-[0-9]+-%s\\.json$" $behaviour) $name) }}
{{- $card = regexReplaceAll "^[0-9]+-card-([0-9]+)-.*$" $name "${1}" }}
{{- end }}
{{- end }}
{{- if not $card }}
{{- fail (printf "files/bank/mappings (mocks/bank/mappings) has no mapping for a card that is %s" $behaviour) }}
{{- end }}
- name: FLOW_TEST_ORDERS_{{ upper $behaviour }}_CARD
  value: {{ $card | quote }}
{{- end }}
{{- end }}
{{- end }}
