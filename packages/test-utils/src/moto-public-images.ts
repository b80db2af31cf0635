import { type MotoServer, startMotoServer } from './moto-server.ts';

/** A public image to add to moto: its id, architecture and root snapshot. */
export interface PublicImage {
  imageId: string;
  name: string;
  architecture: 'x86_64' | 'arm64';
  rootDeviceName: string;
  rootGiB: number;
  volumeType: 'gp3' | 'gp2' | 'standard';
}

export interface PublicImagesFixture {
  images: PublicImage[];
  /** Public SSM parameter name -> AMI id, answered in every region. */
  parameters: Record<string, string>;
}

/*
 * moto 5.2 lacks what a GPU launch reads on real AWS: it has no /aws/service/deeplearning or
 * /aws/service/neuron parameters (and refuses PutParameter on reserved /aws names), and every
 * image it knows has a 15 GiB `standard` root (RegisterImage ignores BlockDeviceMappings). This
 * setup adds the fixture's images to moto's default AMI list and its parameters to the public
 * parameter loader before the server starts, so both survive `/moto-api/reset`, then DescribeImages
 * answers the fixture's root size and type for those images. Everything else is plain moto.
 */
const SETUP = `
import json, sys
from moto.ec2.models import amis
from moto.ssm import models as ssm_models
fixture = json.loads(sys.argv[2])
roots = {}
for image in fixture["images"]:
    amis.AMIS.append({
        "ami_id": image["imageId"], "name": image["name"], "architecture": image["architecture"],
        "root_device_name": image["rootDeviceName"], "root_device_type": "ebs",
        "virtualization_type": "hvm", "public": True, "description": image["name"],
    })
    roots[image["imageId"]] = image
plain_mappings = amis.Ami.block_device_mappings.fget
def block_device_mappings(self):
    mappings = plain_mappings(self)
    image = roots.get(self.id)
    if image:
        mappings[0]["Ebs"]["VolumeSize"] = image["rootGiB"]
        mappings[0]["Ebs"]["VolumeType"] = image["volumeType"]
    return mappings
amis.Ami.block_device_mappings = property(block_device_mappings)
plain_check = ssm_models.ParameterDict._check_loading_status
def check_loading_status(self, key):
    plain_check(self, key)
    if getattr(self, "fixture_loaded", False):
        return
    self.fixture_loaded = True
    for name, value in fixture["parameters"].items():
        dict.setdefault(self, name, []).append(ssm_models.Parameter(
            account_id=self.account_id, name=name, value=value, parameter_type="String",
            description=None, allowed_pattern=None, keyid=None,
            last_modified_date=1767225600.0, version=1, data_type="aws:ec2:image"))
ssm_models.ParameterDict._check_loading_status = check_loading_status
`;

/** A private moto server that also knows `fixture`'s public images and SSM parameters. */
export function startMotoWithPublicImages(fixture: PublicImagesFixture): Promise<MotoServer> {
  return startMotoServer({ setup: SETUP, args: [JSON.stringify(fixture)] });
}

/** Ids and sizes modelled on the real images (Deep Learning AMIs: 75 GiB gp3 roots; Neuron: 100 GiB). */
export const DLAMI_FIXTURE: PublicImagesFixture = {
  images: [
    {
      imageId: 'ami-0d1a0e5f1a2b3c4d5',
      name: 'Deep Learning Base OSS Nvidia Driver GPU AMI (Amazon Linux 2023) 20261101',
      architecture: 'x86_64',
      rootDeviceName: '/dev/xvda',
      rootGiB: 75,
      volumeType: 'gp3',
    },
    {
      imageId: 'ami-0a64a64a64a64a64a',
      name: 'Deep Learning ARM64 Base OSS Nvidia Driver GPU AMI (Amazon Linux 2023) 20261101',
      architecture: 'arm64',
      rootDeviceName: '/dev/xvda',
      rootGiB: 75,
      volumeType: 'gp3',
    },
    {
      imageId: 'ami-0e0e0e0e0e0e0e0e0',
      name: 'Deep Learning Base Neuron AMI (Amazon Linux 2023) 20261101',
      architecture: 'x86_64',
      rootDeviceName: '/dev/xvda',
      rootGiB: 100,
      volumeType: 'gp3',
    },
  ],
  parameters: {
    '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id':
      'ami-0d1a0e5f1a2b3c4d5',
    '/aws/service/deeplearning/ami/arm64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id':
      'ami-0a64a64a64a64a64a',
    '/aws/service/neuron/dlami/base/amazon-linux-2023/latest/image_id': 'ami-0e0e0e0e0e0e0e0e0',
  },
};
