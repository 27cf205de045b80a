"""marsad.batch: ``marsad extract`` and ``marsad ingest`` over a Dask cluster (``marsad batch``).

    from marsad.batch import BatchConfig, batch_extract
    summary = batch_extract(["archive/"], "events.jsonl", config=BatchConfig(workers=8))

A ``LocalCluster`` by default, or any ``dask.distributed`` scheduler by address (its workers must
have marsad installed and see the input paths). Needs the ``batch`` extra: dask[distributed], pyarrow.
Importing this package does not import Dask; running a batch does.
"""

from marsad.batch.cluster import BatchCluster, open_cluster, require_dask
from marsad.batch.jobs import BatchConfig, BatchIngestSummary, BatchSummary, batch_extract, batch_ingest
from marsad.batch.parts import FORMATS, PartStore, parquet_records
from marsad.batch.plan import Partition, Plan, Unit, plan_paths

__all__ = [
    "FORMATS",
    "BatchCluster",
    "BatchConfig",
    "BatchIngestSummary",
    "BatchSummary",
    "PartStore",
    "Partition",
    "Plan",
    "Unit",
    "batch_extract",
    "batch_ingest",
    "open_cluster",
    "parquet_records",
    "plan_paths",
    "require_dask",
]
