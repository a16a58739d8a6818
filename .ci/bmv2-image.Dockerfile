# The BMv2 image of the container packet tests, built by .ci/bmv2-image: its debootstrapped
# Debian 12 (BASE) with the prebuilt BMv2 and p4c that p4tools' install script puts in
# /opt/p4tools and links into /usr/local/bin (simple_switch_grpc on PATH, as in p4lang's image).
ARG BASE
FROM ${BASE}
ARG STAMP
LABEL net.vdn.bmv2.stamp=${STAMP}
COPY p4tools/ /tmp/p4tools/
RUN /tmp/p4tools/install \
    && command -v simple_switch_grpc \
    && rm -rf /tmp/p4tools /var/lib/apt/lists/* \
    && apt-get clean
CMD ["simple_switch_grpc", "--help"]
